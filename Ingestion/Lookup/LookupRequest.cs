namespace CodeUpdates.Ingestion.Lookup;

/// <summary>The body of <c>POST /api/codes/lookup</c>.</summary>
public sealed record LookupRequest(IReadOnlyList<LookupItem?>? Items)
{
    public const string Example = """{ "items": [ { "system": "hcpcs", "code": "E0114", "date": "2025-03-01" } ] }""";
}
