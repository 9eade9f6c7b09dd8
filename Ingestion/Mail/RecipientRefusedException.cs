namespace CodeUpdates.Ingestion.Mail;

/// <summary>The server refused the recipient (RCPT TO answered 4xx or 5xx); other recipients are not affected.</summary>
public sealed class RecipientRefusedException(string recipient, int statusCode, string reply, Exception? innerException = null)
    : Exception($"the mail server refused {recipient}: {statusCode} {reply}", innerException)
{
    public string Recipient { get; } = recipient;

    public int StatusCode { get; } = statusCode;

    /// <summary>5xx: the address will not work on a retry either (no such mailbox, policy).</summary>
    public bool IsPermanent => StatusCode is >= 500 and < 600;
}
