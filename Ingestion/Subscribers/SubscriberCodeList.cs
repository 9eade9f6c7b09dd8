namespace CodeUpdates.Ingestion.Subscribers;

/// <summary>
/// The body of <c>GET</c> and <c>PUT /api/subscribers/{email}/codes</c>: a subscriber's code list, whose
/// changes lead their report mail.
/// </summary>
/// <param name="Codes">The codes, in the order given; null where only the count is answered (after a PUT).</param>
public sealed record SubscriberCodeList(string Email, int CodeCount, IReadOnlyList<string>? Codes);
