using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using CodeUpdates.Ingestion.Diff;
using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Ingestion.Reports;
using CodeUpdates.Ingestion.Storage;
using Microsoft.Extensions.Logging;

namespace CodeUpdates.Ingestion.Ingest;

/// <summary>A file landed in the releases container under <paramref name="BlobName"/>.</summary>
public sealed record IngestReleaseCommand(string BlobName);

public enum IngestOutcome
{
    /// <summary>New (or corrected) release applied and published.</summary>
    Published,

    /// <summary>The same bytes were already published for that date: nothing written.</summary>
    Unchanged,

    /// <summary>The file cannot be a release; recorded as rejected and moved to quarantine.</summary>
    Rejected,

    /// <summary>The blob is gone (already quarantined or deleted): nothing to do.</summary>
    Missing,

    /// <summary>A file uploaded later gives the same date: recorded as superseded by it, nothing else written.</summary>
    Superseded,
}

public sealed record IngestReleaseResult(IngestOutcome Outcome, ReleaseRecord? Release, int VersionRowsWritten);

/// <summary>The ingestion use case as the trigger adapters see it.</summary>
public interface IIngestRelease
{
    Task<IngestReleaseResult> HandleAsync(IngestReleaseCommand command, CancellationToken cancellationToken);
}

/// <summary>
/// The one ingestion use case every host calls. Order of writes, chosen so that a run killed
/// between any two of them is finished by the retry with the same end state as a clean run:
/// snapshot blob → release record "processing" → version rows (only those that differ) →
/// report request → head row (other instances' caches reload) → this instance's listeners
/// (its cache takes in the recomputed codes) → release record "published". A file that can never be a
/// release is recorded as rejected, then moved to quarantine, and the call returns normally; so is a
/// release that storage refuses for good (a 400-class error such as PropertyValueTooLarge), after what
/// it had written is undone. Of two files for one date the one uploaded last (storage's last-modified
/// time) is the release, whichever is processed first; the other is recorded as superseded. Only
/// published releases are ever built on (see <see cref="ReleaseStore.Published"/>). Other storage faults
/// propagate so the trigger retries.
/// </summary>
public sealed class IngestReleaseHandler(
    BlobServiceClient blobs,
    QueueServiceClient queues,
    SnapshotStore snapshots,
    ReleaseStore releases,
    VersionRecompute recompute,
    SystemLock systemLock,
    Quarantine quarantine,
    IEnumerable<IReleasePublishedListener> publishedListeners,
    TimeProvider time,
    ILogger<IngestReleaseHandler> logger) : IIngestRelease
{
    public async Task<IngestReleaseResult> HandleAsync(IngestReleaseCommand command, CancellationToken cancellationToken)
    {
        // Checked before any client is built from the name: a '..' segment would address a blob in another container.
        if (BlobNames.Problem(command.BlobName) is { } badName)
        {
            return await RejectNameAsync(command.BlobName, badName, cancellationToken);
        }

        var blob = BlobNames.Client(blobs.GetBlobContainerClient(StorageNames.ReleasesContainer), command.BlobName);
        IDictionary<string, string> metadata;
        DateTimeOffset uploadedAt;
        byte[] content;
        try
        {
            var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
            metadata = properties.Value.Metadata;
            uploadedAt = properties.Value.LastModified;
            if (properties.Value.ContentLength > ReleaseReader.MaxFileBytes)
            {
                var tooLarge = new InvalidReleaseException(command.BlobName, $"the file is {properties.Value.ContentLength / (1024 * 1024)} MB, over the {ReleaseReader.MaxFileBytes / (1024 * 1024)} MB limit for one release");
                return await RejectAsync(command.BlobName, ReleaseIdentityResolver.Sha256(System.Text.Encoding.UTF8.GetBytes($"{command.BlobName}|{properties.Value.ETag}")), metadata.AsReadOnly(), tooLarge, cancellationToken);
            }

            content = (await blob.DownloadContentAsync(cancellationToken)).Value.Content.ToArray();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            logger.LogInformation("Release blob {Blob} is gone; nothing to ingest", command.BlobName);
            return new IngestReleaseResult(IngestOutcome.Missing, null, 0);
        }

        ReleaseSnapshot snapshot;
        try
        {
            snapshot = ReleaseReader.Read(new ReleaseFile(command.BlobName, content, metadata.AsReadOnly()));
        }
        catch (InvalidReleaseException ex)
        {
            return await RejectAsync(command.BlobName, ReleaseIdentityResolver.Sha256(content), metadata.AsReadOnly(), ex, cancellationToken);
        }

        await using var held = await systemLock.AcquireAsync(snapshot.Identity.System, cancellationToken);
        using var underLock = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, held.Lost);
        try
        {
            var records = await releases.ListAsync(snapshot.Identity.System, underLock.Token);
            try
            {
                return await ApplyAsync(snapshot, uploadedAt, records, underLock.Token);
            }
            catch (RequestFailedException ex) when (IsPermanent(ex))
            {
                return await AbandonAsync(snapshot, records, metadata.AsReadOnly(), ex, underLock.Token);
            }
        }
        catch (OperationCanceledException) when (held.Lost.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // Another instance may be applying this system now: stop writing; the retry finds where things stand.
            throw new TimeoutException($"the {snapshot.Identity.System.Name()} ingest lock was lost while applying {snapshot.Identity.Source}; stopped writing, retrying later");
        }
    }

    /// <summary>
    /// A storage error no retry can fix: the request itself is refused (400 InvalidInput, PropertyValueTooLarge,
    /// EntityTooLarge; 413; 414). Unreachable storage, throttling (429, 503), timeouts (408), conflicts and
    /// lost preconditions (409, 412: another writer) and 5xx are retried.
    /// </summary>
    public static bool IsPermanent(RequestFailedException ex) => ex.Status is 400 or 413 or 414;

    /// <summary>The reason a release storage refused is rejected with: the error code, the row when storage says which, and its message.</summary>
    public static string StorageRefusal(RequestFailedException ex)
    {
        var row = ex is Azure.Data.Tables.TableTransactionFailedException { FailedTransactionActionIndex: { } index } ? $", action {index} of a batch" : string.Empty;
        var message = ex.Message.Split('\n', 2)[0].Trim();
        return $"storage refused to store this release ({ex.ErrorCode ?? "no error code"}, HTTP {ex.Status}{row}): {message}; retrying cannot fix that, so correct the file and drop it again";
    }

    private async Task<IngestReleaseResult> ApplyAsync(ReleaseSnapshot snapshot, DateTimeOffset uploadedAt, IReadOnlyList<ReleaseRecord> records, CancellationToken cancellationToken)
    {
        var identity = snapshot.Identity;
        var existing = records.FirstOrDefault(r => r.Effective == identity.Effective && r.Status is ReleaseStatus.Processing or ReleaseStatus.Published);
        if (existing is { Status: ReleaseStatus.Published } && existing.Sha256 == identity.Sha256)
        {
            logger.LogInformation("{System} {Effective} from {Source} is already published with the same bytes", identity.System.Name(), IsoDate.Format(identity.Effective), identity.Source);
            return new IngestReleaseResult(IngestOutcome.Unchanged, existing, 0);
        }

        var receivedAt = time.GetUtcNow();
        var notes = snapshot.ControlCharacters?.Describe();
        if (notes is not null)
        {
            logger.LogWarning("{System} {Effective} from {Source}: {Notes}", identity.System.Name(), IsoDate.Format(identity.Effective), identity.Source, notes);
        }

        var replaced = existing is not null && existing.Sha256 != identity.Sha256 && existing.Source != identity.Source ? existing : null;
        if (replaced is not null && UploadedAfter(replaced, uploadedAt, identity.Source))
        {
            var superseded = ReleaseRecord.Superseded(
                identity.System.Name(), identity.Effective, identity.Source, identity.Sha256, snapshot.Codes.Count, receivedAt, uploadedAt, replaced.Source) with { Notes = notes };
            await releases.UpsertAsync(superseded, cancellationToken);
            logger.LogWarning(
                "{Source} gives {System} {Effective}, but {Winner} was uploaded later for that date: recorded as superseded",
                identity.Source, identity.System.Name(), IsoDate.Format(identity.Effective), replaced.Source);
            return new IngestReleaseResult(IngestOutcome.Superseded, superseded, 0);
        }

        await snapshots.SaveAsync(snapshot, cancellationToken);
        var processing = await releases.UpsertAsync(
            ReleaseRecord.Processing(identity.System.Name(), identity.Effective, identity.Source, identity.Sha256, snapshot.Codes.Count, existing?.ReceivedAt ?? receivedAt)
                with { UploadedAt = uploadedAt, Notes = notes },
            cancellationToken);
        if (replaced is not null)
        {
            // The file this one replaces keeps a record saying why it is no longer the release (a killed run is healed by the sweep, which finds it without one).
            await releases.UpsertAsync(
                ReleaseRecord.Superseded(replaced.System, identity.Effective, replaced.Source, replaced.Sha256, replaced.Codes, receivedAt, replaced.UploadedAt, identity.Source) with { Notes = replaced.Notes },
                cancellationToken);
        }

        var published = ReleaseStore.Published(records);
        var recomputed = await recompute.ApplyAsync(snapshot, published, cancellationToken);
        var rowsWritten = recomputed.RowsWritten;

        // Only the neighbours in time are read: this release compares with the one before it, and the one after now compares with this one.
        var prior = ReleaseStore.PriorOf(records, identity.Effective);
        var next = ReleaseStore.NextOf(records, identity.Effective);
        var priorSnapshot = prior is null ? null : await snapshots.RequireAsync(identity.System, prior.Effective!.Value, cancellationToken);
        var diff = ReleaseDiff.Compare(priorSnapshot, snapshot);
        if (next is not null)
        {
            var summary = ReleaseDiff.Compare(snapshot, await snapshots.RequireAsync(identity.System, next.Effective!.Value, cancellationToken)).Summary;
            await releases.UpsertAsync(next with { Prior = identity.Effective, Counts = ReleaseStore.CountsOf(summary) }, cancellationToken);
        }

        await queues.GetQueueClient(StorageNames.ChangeReportsQueue).SendMessageAsync(
            new ChangeReportRequest(identity.System.Name(), identity.Effective, identity.Sha256).ToJson(), cancellationToken);

        var release = ReleaseRecord.Published(
            identity.System.Name(), identity.Effective, identity.Source, identity.Sha256, snapshot.Codes.Count, prior?.Effective,
            ReleaseStore.CountsOf(diff.Summary), existing?.ReceivedAt ?? receivedAt, time.GetUtcNow(), rowsWritten) with { UploadedAt = uploadedAt, Notes = notes };

        // This file was superseded once and has been uploaded again since: it is the release now.
        if (records.FirstOrDefault(r => r.Status == ReleaseStatus.Superseded && r.Source == identity.Source && r.Sha256 == identity.Sha256) is { } wasSuperseded)
        {
            await releases.DeleteSupersededAsync(wasSuperseded, cancellationToken);
        }

        // Head before the record: once the record says published a retry does nothing, so the head must already have moved.
        var previousHead = (await releases.HeadsAsync(cancellationToken)).GetValueOrDefault(identity.System);
        await releases.TouchHeadAsync(identity.System, cancellationToken);
        foreach (var listener in publishedListeners)
        {
            await listener.OnReleasePublishedAsync(new ReleasePublished(identity.System, identity.Effective, previousHead, recomputed), cancellationToken);
        }

        await releases.PublishAsync(release, processing, cancellationToken);
        logger.LogInformation(
            "Published {System} {Effective} from {Source}: {Summary}; {Rows} version rows written",
            identity.System.Name(), IsoDate.Format(identity.Effective), identity.Source, ChangeReportSubject.Counts(diff.Summary), rowsWritten);
        return new IngestReleaseResult(IngestOutcome.Published, release, rowsWritten);
    }

    /// <summary>
    /// Whether <paramref name="release"/>'s file was uploaded after this one, by storage's clock (to the second):
    /// on a tie the greater name wins, so every order of processing picks the same file. A record written
    /// before upload times were kept counts from when it was received, which is after its upload.
    /// </summary>
    private static bool UploadedAfter(ReleaseRecord release, DateTimeOffset uploadedAt, string source)
    {
        var theirs = release.UploadedAt ?? release.ReceivedAt;
        return theirs > uploadedAt || (theirs == uploadedAt && string.CompareOrdinal(release.Source, source) > 0);
    }

    /// <summary>
    /// Undoes what a release storage refused for good had written, then rejects it: the date's previous
    /// release (if any) is restored from its file, the version rows and statements become those of the
    /// published releases, the next release compares with its published prior again, and caches reload.
    /// </summary>
    private async Task<IngestReleaseResult> AbandonAsync(
        ReleaseSnapshot snapshot, IReadOnlyList<ReleaseRecord> recordsBefore, IReadOnlyDictionary<string, string> metadata, RequestFailedException refusal, CancellationToken cancellationToken)
    {
        var identity = snapshot.Identity;
        var reason = StorageRefusal(refusal);
        logger.LogError(refusal, "Storage refused {System} {Effective} from {Source} for good; undoing its writes and rejecting it", identity.System.Name(), IsoDate.Format(identity.Effective), identity.Source);

        var before = recordsBefore.FirstOrDefault(r => r.Effective == identity.Effective && r.Status == ReleaseStatus.Published);
        if (before is not null && before.Sha256 != identity.Sha256 && await RestoreSnapshotAsync(before, cancellationToken))
        {
            await releases.UpsertAsync(before, cancellationToken);
            await releases.DeleteSupersededAsync(before with { Status = ReleaseStatus.Superseded }, cancellationToken);
        }
        else
        {
            if (before is not null)
            {
                logger.LogError("{System} {Effective} from {Source} could not be restored from its file: drop it again", before.System, IsoDate.Format(identity.Effective), before.Source);
            }

            await releases.DeleteAsync(identity.System, identity.Effective, cancellationToken);
            await snapshots.DeleteAsync(identity.System, identity.Effective, cancellationToken);
        }

        var records = await releases.ListAsync(identity.System, cancellationToken);
        await recompute.RestoreAsync(identity.System, ReleaseStore.Published(records), cancellationToken);
        if (ReleaseStore.NextOf(records, identity.Effective) is { } next)
        {
            var prior = ReleaseStore.PriorOf(records, next.Effective!.Value);
            var priorSnapshot = prior is null ? null : await snapshots.RequireAsync(identity.System, prior.Effective!.Value, cancellationToken);
            var summary = ReleaseDiff.Compare(priorSnapshot, await snapshots.RequireAsync(identity.System, next.Effective!.Value, cancellationToken)).Summary;
            var restored = next with { Prior = prior?.Effective, Counts = ReleaseStore.CountsOf(summary) };
            if (restored != next)
            {
                await releases.UpsertAsync(restored, cancellationToken);
            }
        }

        await releases.TouchHeadAsync(identity.System, cancellationToken);
        return await RejectAsync(identity.Source, identity.Sha256, metadata, new InvalidReleaseException(identity.Source, reason), cancellationToken);
    }

    /// <summary>Stores the snapshot of a published release again from its file, when the file is still there with the same bytes.</summary>
    private async Task<bool> RestoreSnapshotAsync(ReleaseRecord release, CancellationToken cancellationToken)
    {
        if (BlobNames.Problem(release.Source) is not null)
        {
            return false;
        }

        try
        {
            var blob = BlobNames.Client(blobs.GetBlobContainerClient(StorageNames.ReleasesContainer), release.Source);
            var download = (await blob.DownloadContentAsync(cancellationToken)).Value;
            var snapshot = ReleaseReader.Read(new ReleaseFile(release.Source, download.Content.ToArray(), download.Details.Metadata.AsReadOnly()));
            if (snapshot.Identity.Sha256 != release.Sha256)
            {
                return false;
            }

            await snapshots.SaveAsync(snapshot, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is RequestFailedException { Status: 404 } or InvalidReleaseException)
        {
            return false;
        }
    }

    /// <summary>
    /// A name that breaks the blob name rule: recorded as rejected under its printable form, keyed by a hash
    /// of the name, and the blob is left untouched (no client built from the name is sure to address it).
    /// </summary>
    private async Task<IngestReleaseResult> RejectNameAsync(string blobName, string problem, CancellationToken cancellationToken)
    {
        var source = BlobNames.Printable(blobName);
        var record = ReleaseRecord.Rejected(
            ReleaseIdentityResolver.SystemFromPath(blobName, null)?.Name() ?? "unknown", null, source, NameSha256(blobName),
            $"{problem}; the file is left in '{StorageNames.ReleasesContainer}' untouched: delete it there", time.GetUtcNow());
        await releases.UpsertAsync(record, cancellationToken);
        logger.LogWarning("Rejected {Blob} by its name: {Reason}", source, problem);
        return new IngestReleaseResult(IngestOutcome.Rejected, record, 0);
    }

    /// <summary>What a release record rejected for its name carries as its hash: the name's, as its content is never read.</summary>
    public static string NameSha256(string blobName) => ReleaseIdentityResolver.Sha256(System.Text.Encoding.UTF8.GetBytes(blobName));

    private async Task<IngestReleaseResult> RejectAsync(
        string blobName, string sha256, IReadOnlyDictionary<string, string> metadata, InvalidReleaseException problem, CancellationToken cancellationToken)
    {
        var system = ReleaseIdentityResolver.SystemFromPath(blobName, metadata)?.Name() ?? "unknown";
        DateOnly? effective = null;
        try
        {
            effective = ReleaseIdentityResolver.Effective(blobName, metadata);
        }
        catch (InvalidReleaseException)
        {
            // The reason already says what is wrong with the file; a bad date on top adds nothing.
        }

        var record = ReleaseRecord.Rejected(system, effective, blobName, sha256, problem.Message, time.GetUtcNow());
        await releases.UpsertAsync(record, cancellationToken);
        await quarantine.MoveAsync(blobName, metadata, problem.Message, cancellationToken);
        logger.LogWarning("Rejected {Blob}: {Reason}; moved to {Container}", blobName, problem.Message, StorageNames.QuarantineContainer);
        return new IngestReleaseResult(IngestOutcome.Rejected, record, 0);
    }
}
