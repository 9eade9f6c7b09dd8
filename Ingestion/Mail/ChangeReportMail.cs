using System.Security.Cryptography;
using System.Text;
using CodeUpdates.Ingestion.Diff;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Reports;
using MimeKit;

namespace CodeUpdates.Ingestion.Mail;

/// <summary>
/// A release's report rendered once (subject, HTML, text, spreadsheet) and addressed per
/// recipient: every subscriber gets the same bytes but their own message, except that a subscriber who keeps a
/// code list gets the same mail led by their codes' changes (<see cref="ForCodeList"/>).
/// </summary>
public sealed class ChangeReportMail
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private readonly ChangeReport report;
    private readonly ReleaseDiffResult diff;

    private ChangeReportMail(ChangeReport report, ReleaseDiffResult diff, string subject, string html, string text, string? attachmentName, byte[]? attachment)
    {
        this.report = report;
        this.diff = diff;
        Subject = subject;
        Html = html;
        Text = text;
        AttachmentName = attachmentName;
        Attachment = attachment;
    }

    public string Subject { get; }

    public string Html { get; }

    public string Text { get; }

    public string? AttachmentName { get; }

    public byte[]? Attachment { get; }

    /// <param name="releasePage">The release's page in the web app, linked from the mail; null when no public URL is set.</param>
    public static Task<ChangeReportMail> RenderAsync(ReleaseDiffResult diff, Uri? releasePage, CancellationToken cancellationToken) =>
        RenderAsync(diff, null, releasePage, cancellationToken);

    /// <param name="correction">For a release that replaced a published file for its date: said first (<see cref="CorrectionSentences"/>).</param>
    /// <param name="releasePage">The release's page in the web app, linked from the mail; null when no public URL is set.</param>
    public static async Task<ChangeReportMail> RenderAsync(ReleaseDiffResult diff, ReleaseCorrection? correction, Uri? releasePage, CancellationToken cancellationToken)
    {
        // The mail shows the first changes of each kind; the attachment has them all. An initial
        // load would attach the whole code set as "added": the mail only announces it.
        var report = ChangeReport.Build(diff, ReportDetail.Mail, releasePage);
        if (correction is not null)
        {
            report = report with { Heading = report.Heading + " (correction)", Introduction = [.. CorrectionSentences.Of(correction), .. report.Introduction] };
        }

        var initial = report.IsInitialLoad;
        return new ChangeReportMail(
            report,
            diff,
            report.Subject,
            ChangeReportHtml.Render(report),
            ChangeReportText.Render(report),
            initial ? null : $"{diff.System.Name()}-{IsoDate.Format(diff.Current.Effective)}-changes.xlsx",
            initial ? null : await ChangeReportTable.ToXlsxAsync(diff, cancellationToken));
    }

    /// <summary>
    /// This mail led by "N of your M codes changed" and those changes (<see cref="ChangeReport.WithCodeList"/>), then
    /// the whole report as everyone gets it; the subject and the spreadsheet are the same, rendered once.
    /// </summary>
    public ChangeReportMail ForCodeList(IReadOnlyCollection<string> codes)
    {
        var theirs = report.WithCodeList(diff, codes);
        return new ChangeReportMail(theirs, diff, Subject, ChangeReportHtml.Render(theirs), ChangeReportText.Render(theirs), AttachmentName, Attachment);
    }

    /// <param name="releaseKey">The ledger key; with the recipient it gives a stable Message-ID, so a re-send in the crash window is recognisably the same mail.</param>
    public MimeMessage To(MailboxAddress from, string recipient, string releaseKey)
    {
        var body = new BodyBuilder { TextBody = Text, HtmlBody = Html };
        if (Attachment is not null && AttachmentName is not null)
        {
            body.Attachments.Add(AttachmentName, Attachment, ContentType.Parse(XlsxContentType));
        }

        var message = new MimeMessage { Subject = Subject, Body = body.ToMessageBody() };
        message.From.Add(from);
        message.To.Add(MailboxAddress.Parse(recipient));
        var domain = from.Domain is { Length: > 0 } d ? d : "codeupdates.local";
        message.MessageId = $"{releaseKey}.{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(recipient.ToLowerInvariant())))[..16]}@{domain}";
        return message;
    }
}
