namespace CodeUpdates.Ingestion.Mail;

/// <param name="Refused">Recipients the server refused for good, now or in an earlier delivery; they are not tried again.</param>
public sealed record SendChangeReportResult(ChangeReportOutcome Outcome, int Sent, int AlreadySent, int Subscribers, int Refused = 0);
