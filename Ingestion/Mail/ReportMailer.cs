using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Reports;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CodeUpdates.Ingestion.Mail;

/// <summary>
/// The mail side of a change report: the SMTP settings, the link to the release's page, the clock a
/// delivery is stamped with, and one message sent within the settings' timeout.
/// </summary>
public sealed class ReportMailer(ISmtpSender smtp, IOptions<SmtpOptions> options, IOptions<ChangeReportOptions> reportOptions, TimeProvider time)
{
    public SmtpOptions Settings => options.Value;

    public DateTimeOffset Now => time.GetUtcNow();

    public Uri? ReleasePage(CodeSystem system, DateOnly effective) => reportOptions.Value.ReleasePage(system, effective);

    /// <summary>
    /// One message, connect to quit, within <see cref="SmtpOptions.Timeout"/>: shorter than the claim
    /// lease, so a hanging server never leaves a live send whose claim another delivery takes over.
    /// </summary>
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var timeout = Settings.Timeout;
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            await smtp.SendAsync(message, linked.Token);
        }
        catch (OperationCanceledException ex) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"sending to {string.Join(", ", message.To.Mailboxes.Select(m => m.Address))} took longer than {timeout}", ex);
        }
    }
}
