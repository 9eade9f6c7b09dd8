namespace CodeUpdates.Ingestion.Subscribers;

/// <summary>The body of <c>PUT /api/subscribers/{email}</c>.</summary>
public sealed record SubscriberRequest(IReadOnlyList<string>? Systems)
{
    public const string Example = """{ "systems": ["hcpcs", "cpt"] }""";
}
