namespace CodeUpdates.Ingestion.Subscribers;

/// <summary>A coder who receives the change reports of the code systems they follow.</summary>
/// <param name="LastDelivery">The last change report mailed (or tried) to this address; null before the first.</param>
public sealed record Subscriber(string Email, IReadOnlyList<string> Systems, SubscriberDelivery? LastDelivery = null);
