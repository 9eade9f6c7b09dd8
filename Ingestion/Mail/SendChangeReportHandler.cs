using System.Text.Json;
using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Ingestion.Reports;
using CodeUpdates.Ingestion.Subscribers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CodeUpdates.Ingestion.Mail;

/// <summary>
/// A failure that is expected to pass (the release is not published yet, another delivery is
/// mid-send): thrown so the queue makes the message visible again and retries it.
/// </summary>
public sealed class TransientChangeReportException(string message) : Exception(message);

/// <summary>What one delivery of a change-report message did.</summary>
public enum ChangeReportOutcome
{
    Sent,

    /// <summary>The message names a file that was since replaced by a corrected one: its report is moot.</summary>
    ReleaseReplaced,
}

public sealed record SendChangeReportResult(ChangeReportOutcome Outcome, int Sent, int AlreadySent, int Subscribers);

/// <summary>
/// Handles one <c>change-reports</c> queue message: find the release, render its report,
/// mail it once to each subscriber of its code system.
/// </summary>
public sealed class SendChangeReportHandler(
    IReleaseChangesSource releases,
    SubscriberStore subscribers,
    SentMailLedger ledger,
    ISmtpSender smtp,
    IOptions<SmtpOptions> options,
    ILogger<SendChangeReportHandler> logger)
{
    public async Task<SendChangeReportResult> HandleAsync(string message, CancellationToken cancellationToken)
    {
        // A message that cannot be read throws and, after the queue's retries, lands in
        // change-reports-poison where a person can see it: nothing is dropped silently.
        var request = ChangeReportRequest.FromJson(message);
        if (!CodeSystems.TryParse(request.System, out var system))
        {
            throw new JsonException($"change report request names an unknown code system '{request.System}'");
        }

        var published = await releases.GetPublishedChangesAsync(system, request.Effective, cancellationToken)
            ?? throw new TransientChangeReportException(
                $"{system.Name()} {request.Effective:yyyy-MM-dd} is not published yet; the message will be retried");

        if (!string.Equals(published.Release.Sha256, request.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            logger.LogInformation(
                "{System} {Effective:yyyy-MM-dd}: release {Sha} was replaced by {Current}; its report is not sent",
                system.Name(), request.Effective, request.Sha256, published.Release.Sha256);
            return new SendChangeReportResult(ChangeReportOutcome.ReleaseReplaced, 0, 0, 0);
        }

        var followers = await subscribers.FollowersOfAsync(system, cancellationToken);
        if (followers.Count == 0)
        {
            logger.LogInformation("{System} {Effective:yyyy-MM-dd}: nobody follows {System}; no mail", system.Name(), request.Effective, system.Name());
            return new SendChangeReportResult(ChangeReportOutcome.Sent, 0, 0, 0);
        }

        var smtpOptions = options.Value;
        var from = MailboxAddress.Parse(smtpOptions.From);
        var mail = ChangeReportMail.Render(published.Diff);
        var releaseKey = SentMailLedger.ReleaseKey(system, request.Effective, request.Sha256);
        int sent = 0, alreadySent = 0;
        var inProgress = new List<string>();
        foreach (var follower in followers)
        {
            var (outcome, claim) = await ledger.TryClaimAsync(releaseKey, follower.Email, smtpOptions.ClaimLease, cancellationToken);
            switch (outcome)
            {
                case ClaimOutcome.AlreadySent:
                    alreadySent++;
                    continue;
                case ClaimOutcome.InProgress:
                    inProgress.Add(follower.Email);
                    continue;
            }

            var mime = mail.To(from, follower.Email, releaseKey);
            try
            {
                await smtp.SendAsync(mime, cancellationToken);
            }
            catch
            {
                // Free the claim so the retry does not wait out the lease, then let the
                // exception reach the queue trigger: the message comes back, and mails already
                // marked sent are skipped next time.
                await ledger.ReleaseAsync(claim!, CancellationToken.None);
                throw;
            }

            await ledger.MarkSentAsync(claim!, mime.MessageId ?? string.Empty, cancellationToken);
            sent++;
        }

        logger.LogInformation(
            "{System} {Effective:yyyy-MM-dd}: change report sent to {Sent} of {Count} subscribers ({Already} had it already)",
            system.Name(), request.Effective, sent, followers.Count, alreadySent);

        if (inProgress.Count > 0)
        {
            // Another delivery holds these claims; retrying later either finds them sent or
            // finds the claims stale and takes them over. Succeeding now could lose them.
            throw new TransientChangeReportException(
                $"{inProgress.Count} recipient(s) of {releaseKey} are being sent by another delivery; the message will be retried");
        }

        return new SendChangeReportResult(ChangeReportOutcome.Sent, sent, alreadySent, followers.Count);
    }
}
