using Azure;
using Azure.Data.Tables;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Ingestion.Storage;
using CodeUpdates.Ingestion.Subscribers;

namespace CodeUpdates.Ingestion.Mail;

/// <summary>
/// The <c>sentmail</c> table: one row per release (PK <c>{system}-{effective}-{sha256[..16]}</c>,
/// so a corrected file is a new release) and recipient (RK the lower-cased address). A delivery
/// claims a row (state <c>sending</c>) BEFORE it talks to the mail server and marks it
/// <c>sent</c> after; Table Storage's insert-if-absent (409) and ETag checks make the claim
/// atomic, so two concurrent deliveries of the same message cannot both send.
/// </summary>
/// <remarks>
/// Crash window: a process that dies after the server accepted the mail but before it wrote
/// <c>sent</c> leaves a <c>sending</c> row. Once that row is older than the lease, the next
/// delivery takes it over and sends again. We choose at-least-once for that narrow window: a
/// coder who gets the same report twice loses a minute, a coder who never gets it misses new
/// codes. The message id is derived from the claim key, so mail clients that de-duplicate by
/// Message-ID hide even that second copy.
/// The table is created by the host at start (<see cref="StorageInitializer"/>, or infra in Azure).
/// </remarks>
public sealed class SentMailLedger(TableServiceClient service, TimeProvider time, string tableName = StorageNames.SentMailTable)
{
    public const string Sending = "sending";
    public const string Sent = "sent";
    public const string Refused = "refused";

    /// <summary>
    /// How often a claim is tried when the row keeps appearing (409) and vanishing (404) under us:
    /// a competitor that claims and releases over and over. Then the recipient counts as in
    /// progress and the queue's retry tries again later.
    /// </summary>
    private const int ClaimAttempts = 3;

    private readonly TableClient table = service.GetTableClient(tableName);

    public static string ReleaseKey(CodeSystem system, DateOnly effective, string sha256) =>
        $"{system.Name()}-{effective:yyyyMMdd}-{sha256[..Math.Min(16, sha256.Length)].ToLowerInvariant()}";

    public async Task<(ClaimOutcome Outcome, MailClaim? Claim)> TryClaimAsync(string releaseKey, string recipient, TimeSpan lease, CancellationToken cancellationToken)
    {
        var rowKey = SubscriberStore.Key(recipient);
        for (var attempt = 1; attempt <= ClaimAttempts; attempt++)
        {
            var now = time.GetUtcNow();
            var entity = new TableEntity(releaseKey, rowKey)
            {
                ["State"] = Sending,
                ["Recipient"] = recipient,
                ["ClaimedAt"] = now,
                ["Attempts"] = 1,
            };
            try
            {
                var response = await table.AddEntityAsync(entity, cancellationToken);
                return (ClaimOutcome.Claimed, new MailClaim(releaseKey, rowKey, response.Headers.ETag ?? ETag.All));
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                // Someone claimed it before: decide from what they left.
            }

            TableEntity existing;
            try
            {
                existing = (await table.GetEntityAsync<TableEntity>(releaseKey, rowKey, cancellationToken: cancellationToken)).Value;
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // The other delivery failed and released its claim between our insert and this read: try again.
                continue;
            }

            return await DecideAsync(existing, now, lease, cancellationToken);
        }

        return (ClaimOutcome.InProgress, null);
    }

    private async Task<(ClaimOutcome Outcome, MailClaim? Claim)> DecideAsync(TableEntity existing, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        var releaseKey = existing.PartitionKey;
        var rowKey = existing.RowKey;
        switch (existing.GetString("State"))
        {
            case Sent:
                return (ClaimOutcome.AlreadySent, null);
            case Refused:
                return (ClaimOutcome.Refused, null);
        }

        var claimedAt = existing.GetDateTimeOffset("ClaimedAt") ?? DateTimeOffset.MinValue;
        if (now - claimedAt < lease)
        {
            return (ClaimOutcome.InProgress, null);
        }

        // A stale claim from a crashed delivery: take it over, conditional on its ETag so that
        // of two deliveries finding it stale at once only one wins (the other gets 412).
        existing["ClaimedAt"] = now;
        existing["Attempts"] = (existing.GetInt32("Attempts") ?? 1) + 1;
        try
        {
            var response = await table.UpdateEntityAsync(existing, existing.ETag, TableUpdateMode.Replace, cancellationToken);
            return (ClaimOutcome.Claimed, new MailClaim(releaseKey, rowKey, response.Headers.ETag ?? ETag.All));
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return (ClaimOutcome.InProgress, null);
        }
    }

    /// <summary>The server accepted the mail: retries skip this recipient.</summary>
    public Task MarkSentAsync(MailClaim claim, string messageId, CancellationToken cancellationToken) =>
        SettleAsync(claim, Sent, "MessageId", messageId, cancellationToken);

    /// <summary>The server refused the recipient for good (5xx): recorded so that retries do not try again.</summary>
    public Task MarkRefusedAsync(MailClaim claim, string reason, CancellationToken cancellationToken) =>
        SettleAsync(claim, Refused, "Reason", reason, cancellationToken);

    private async Task SettleAsync(MailClaim claim, string state, string detailName, string detail, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(claim.PartitionKey, claim.RowKey)
        {
            ["State"] = state,
            ["SettledAt"] = time.GetUtcNow(),
            [detailName] = detail,
        };

        // Merge keeps Recipient and Attempts; ETag.All because the server has answered: recording that wins over anything.
        await table.UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    /// <summary>
    /// Gives the claim up after a failed send so the queue's retry can claim at once instead
    /// of waiting out the lease. Best effort: if this fails too, the lease still frees it.
    /// </summary>
    public async Task ReleaseAsync(MailClaim claim, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(claim.PartitionKey, claim.RowKey, claim.ETag, cancellationToken);
        }
        catch (RequestFailedException)
        {
            // Taken over or gone already; either way it is not ours any more.
        }
    }
}
