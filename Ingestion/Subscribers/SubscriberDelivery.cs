namespace CodeUpdates.Ingestion.Subscribers;

/// <summary>
/// One delivery of a release's report to one subscriber, as an admin needs to see it: when,
/// which release, and whether the mail server took it.
/// </summary>
/// <param name="Outcome"><see cref="Sent"/>, <see cref="Refused"/> (the server refused the address for good) or <see cref="Failed"/> (retried).</param>
/// <param name="Detail">The server's answer when it did not accept the mail.</param>
public sealed record SubscriberDelivery(DateTimeOffset At, string System, DateOnly Effective, string Outcome, string? Detail = null)
{
    public const string Sent = "sent";
    public const string Refused = "refused";
    public const string Failed = "failed";
}
