using System.Security.Cryptography;
using System.Text;
using CodeUpdates.Ingestion.Diff;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Reports;
using MimeKit;

namespace CodeUpdates.Ingestion.Mail;

/// <summary>
/// A release's report rendered once (subject, HTML, text, spreadsheet) and addressed per
/// recipient: every subscriber gets the same bytes but their own message.
/// </summary>
public sealed class ChangeReportMail
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private ChangeReportMail(string subject, string html, string text, string? attachmentName, byte[]? attachment)
    {
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
    public static async Task<ChangeReportMail> RenderAsync(ReleaseDiffResult diff, Uri? releasePage, CancellationToken cancellationToken)
    {
        // The mail shows the first changes of each kind; the attachment has them all. An initial
        // load would attach the whole code set as "added": the mail only announces it.
        var report = ChangeReport.Build(diff, ReportDetail.Mail, releasePage);
        var initial = report.IsInitialLoad;
        return new ChangeReportMail(
            report.Subject,
            ChangeReportHtml.Render(report),
            ChangeReportText.Render(report),
            initial ? null : $"{diff.System.Name()}-{IsoDate.Format(diff.Current.Effective)}-changes.xlsx",
            initial ? null : await ChangeReportTable.ToXlsxAsync(diff, cancellationToken));
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
