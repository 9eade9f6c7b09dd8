using System.Text.Json;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Ingestion.Reports;
using CodeUpdates.Ingestion.Subscribers;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace CodeUpdates.Ingestion.Mail;

/// <summary>
/// Handles one <c>change-reports</c> queue message: find the release, render its report,
/// mail it once to each subscriber of its code system. Each subscriber gets a message of their
/// own, so an address the server refuses is recorded for that subscriber and the others still
/// get theirs.
/// </summary>
public sealed class SendChangeReportHandler(
    IReleaseChangesSource releases,
    SubscriberStore subscribers,
    SentMailLedger ledger,
    ReportMailer mailer,
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

        var smtpOptions = mailer.Settings;
        if (smtpOptions.Problems() is { Count: > 0 } problems)
        {
            // Said once at start (SmtpSettingsCheck); retrying would only fill the poison queue.
            logger.LogWarning("{System} {Effective:yyyy-MM-dd}: change report not sent: {Problems}", system.Name(), request.Effective, string.Join("; ", problems));
            return new SendChangeReportResult(ChangeReportOutcome.MailNotConfigured, 0, 0, 0);
        }

        // The ingest queues a request only after the release's record says published, so it is served at once;
        // a release that is not published now was since replaced or undone, and the queue's retry settles it.
        var published = await releases.GetPublishedChangesAsync(system, request.Effective, cancellationToken)
            ?? throw new TransientChangeReportException(
                $"{system.Name()} {request.Effective:yyyy-MM-dd} is not published; the message will be retried");

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

        var from = MailboxAddress.Parse(smtpOptions.From);
        var mail = await ChangeReportMail.RenderAsync(published.Diff, published.Correction, mailer.ReleasePage(system, request.Effective), cancellationToken);
        var releaseKey = SentMailLedger.ReleaseKey(system, request.Effective, request.Sha256);
        int sent = 0, alreadySent = 0, refused = 0;
        var retryLater = new List<string>();
        foreach (var follower in followers)
        {
            // Read before the claim, so a storage fault here leaves no claim to wait out.
            var theirs = follower.CodeCount > 0 && await subscribers.GetCodesAsync(follower.Email, cancellationToken) is { Count: > 0 } codes
                ? mail.ForCodeList(codes)
                : mail;
            var (outcome, claim) = await ledger.TryClaimAsync(releaseKey, follower.Email, smtpOptions.ClaimLease, cancellationToken);
            switch (outcome)
            {
                case ClaimOutcome.AlreadySent:
                    alreadySent++;
                    continue;
                case ClaimOutcome.Refused:
                    refused++;
                    continue;
                case ClaimOutcome.InProgress:
                    retryLater.Add(follower.Email);
                    continue;
            }

            var mime = theirs.To(from, follower.Email, releaseKey);
            var delivery = new SubscriberDelivery(mailer.Now, system.Name(), request.Effective, SubscriberDelivery.Sent);
            try
            {
                await mailer.SendAsync(mime, cancellationToken);
            }
            catch (RecipientRefusedException ex) when (ex.IsPermanent)
            {
                // The address will not work on a retry either: recorded for the admin, the others go on.
                logger.LogWarning("{System} {Effective:yyyy-MM-dd}: {Message}", system.Name(), request.Effective, ex.Message);
                await ledger.MarkRefusedAsync(claim!, ex.Message, cancellationToken);
                await subscribers.RecordDeliveryAsync(follower.Email, delivery with { Outcome = SubscriberDelivery.Refused, Detail = ex.Message }, cancellationToken);
                refused++;
                continue;
            }
            catch (RecipientRefusedException ex)
            {
                // Refused for now (4xx: mailbox full, greylisting): the others go on, this one waits for the queue's retry.
                logger.LogWarning("{System} {Effective:yyyy-MM-dd}: {Message}; retried later", system.Name(), request.Effective, ex.Message);
                await ledger.ReleaseAsync(claim!, CancellationToken.None);
                await subscribers.RecordDeliveryAsync(follower.Email, delivery with { Outcome = SubscriberDelivery.Failed, Detail = ex.Message }, CancellationToken.None);
                retryLater.Add(follower.Email);
                continue;
            }
            catch (Exception ex)
            {
                // The server itself failed (down, timed out): the next recipient would fare no
                // better. Free the claim so the retry does not wait out the lease, then let the
                // exception reach the queue trigger: the message comes back, and mails already
                // marked sent are skipped next time.
                await ledger.ReleaseAsync(claim!, CancellationToken.None);
                await subscribers.RecordDeliveryAsync(follower.Email, delivery with { Outcome = SubscriberDelivery.Failed, Detail = ex.Message }, CancellationToken.None);
                throw;
            }

            await ledger.MarkSentAsync(claim!, mime.MessageId ?? string.Empty, cancellationToken);
            await subscribers.RecordDeliveryAsync(follower.Email, delivery, cancellationToken);
            sent++;
        }

        logger.LogInformation(
            "{System} {Effective:yyyy-MM-dd}: change report sent to {Sent} of {Count} subscribers ({Already} had it already, {Refused} refused by the server)",
            system.Name(), request.Effective, sent, followers.Count, alreadySent, refused);

        if (retryLater.Count > 0)
        {
            // Another delivery holds these claims, or the server asked to come back later; retrying
            // later either finds them sent or sends them. Succeeding now could lose them.
            throw new TransientChangeReportException(
                $"{retryLater.Count} recipient(s) of {releaseKey} are being sent by another delivery or were deferred by the server; the message will be retried");
        }

        return new SendChangeReportResult(ChangeReportOutcome.Sent, sent, alreadySent, followers.Count, refused);
    }
}
