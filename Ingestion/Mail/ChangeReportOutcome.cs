namespace CodeUpdates.Ingestion.Mail;

/// <summary>What one delivery of a change-report message did.</summary>
public enum ChangeReportOutcome
{
    Sent,

    /// <summary>The message names a file that was since replaced by a corrected one: its report is moot.</summary>
    ReleaseReplaced,

    /// <summary>The SMTP settings are missing or incomplete (said once at start): nothing is sent, nothing retried.</summary>
    MailNotConfigured,
}
