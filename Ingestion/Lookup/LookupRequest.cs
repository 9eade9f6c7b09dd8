namespace CodeUpdates.Ingestion.Lookup;

/// <summary>The body of <c>POST /api/codes/lookup</c>.</summary>
public sealed record LookupRequest(IReadOnlyList<LookupItem?>? Items)
{
    public const string Example = """{ "items": [ { "system": "hcpcs", "code": "E0114", "date": "2025-03-01" } ] }""";

    /// <summary>When given, every item is answered as the system would have answered it at this instant (see <see cref="KnownAtValue"/>).</summary>
    public string? KnownAt { get; init; }
}
