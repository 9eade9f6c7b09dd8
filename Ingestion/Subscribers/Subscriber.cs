namespace CodeUpdates.Ingestion.Subscribers;

/// <summary>A coder who receives the change reports of the code systems they follow.</summary>
/// <param name="LastDelivery">The last change report mailed (or tried) to this address; null before the first.</param>
/// <param name="CodeCount">How many codes the subscriber's code list holds; 0 when they keep none (their mail is the whole report only).</param>
public sealed record Subscriber(string Email, IReadOnlyList<string> Systems, SubscriberDelivery? LastDelivery = null, int CodeCount = 0);
