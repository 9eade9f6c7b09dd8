namespace CodeUpdates.Ingestion.Mail;

/// <summary>
/// A failure that is expected to pass (the release is not published as the message says, another delivery is
/// mid-send): thrown so the queue makes the message visible again and retries it.
/// </summary>
public sealed class TransientChangeReportException(string message) : Exception(message);
