namespace CodeUpdates.Ingestion.Subscribers;

/// <summary>The body of <c>PUT /api/subscribers/{email}</c>.</summary>
public sealed record SubscriberRequest(IReadOnlyList<string>? Systems)
{
    public const string Example = """{ "systems": ["hcpcs", "cpt"], "codes": ["E0114", "A4563"] }""";

    /// <summary>
    /// The subscriber's code list: absent or null keeps the list they have (so a client that only changes the
    /// systems never drops it), <c>[]</c> removes it, anything else replaces it.
    /// </summary>
    public IReadOnlyList<string?>? Codes { get; init; }
}
