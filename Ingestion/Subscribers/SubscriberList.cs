namespace CodeUpdates.Ingestion.Subscribers;

/// <summary>The body of <c>GET /api/subscribers</c>.</summary>
public sealed record SubscriberList(IReadOnlyList<Subscriber> Subscribers);
