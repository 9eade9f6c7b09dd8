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
/// release is recorded as rejected, then moved to quarantine, and the call returns normally.
/// Storage faults propagate so the trigger retries.
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
        var blob = blobs.GetBlobContainerClient(StorageNames.ReleasesContainer).GetBlobClient(command.BlobName);
        IDictionary<string, string> metadata;
        byte[] content;
        try
        {
            var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
            metadata = properties.Value.Metadata;
            if (properties.Value.ContentLength > ReleaseReader.MaxFileBytes)
            {
                var tooLarge = new InvalidReleaseException(command.BlobName, $"the file is {properties.Value.ContentLength / (1024 * 1024)} MB, over the {ReleaseReader.MaxFileBytes / (1024 * 1024)} MB limit for one release");
                return await RejectAsync(command.BlobName, System.Text.Encoding.UTF8.GetBytes($"{command.BlobName}|{properties.Value.ETag}"), metadata.AsReadOnly(), tooLarge, cancellationToken);
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
            return await RejectAsync(command.BlobName, content, metadata.AsReadOnly(), ex, cancellationToken);
        }

        await using var held = await systemLock.AcquireAsync(snapshot.Identity.System, cancellationToken);
        using var underLock = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, held.Lost);
        try
        {
            return await ApplyAsync(snapshot, underLock.Token);
        }
        catch (OperationCanceledException) when (held.Lost.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // Another instance may be applying this system now: stop writing; the retry finds where things stand.
            throw new TimeoutException($"the {snapshot.Identity.System.Name()} ingest lock was lost while applying {snapshot.Identity.Source}; stopped writing, retrying later");
        }
    }

    private async Task<IngestReleaseResult> ApplyAsync(ReleaseSnapshot snapshot, CancellationToken cancellationToken)
    {
        var identity = snapshot.Identity;
        var accepted = await releases.AcceptedAsync(identity.System, cancellationToken);
        var existing = accepted.FirstOrDefault(r => r.Effective == identity.Effective);
        if (existing is { Status: ReleaseStatus.Published } && existing.Sha256 == identity.Sha256)
        {
            logger.LogInformation("{System} {Effective} from {Source} is already published with the same bytes", identity.System.Name(), IsoDate.Format(identity.Effective), identity.Source);
            return new IngestReleaseResult(IngestOutcome.Unchanged, existing, 0);
        }

        var receivedAt = time.GetUtcNow();
        await snapshots.SaveAsync(snapshot, cancellationToken);
        var processing = await releases.UpsertAsync(
            new ReleaseRecord(identity.System.Name(), identity.Effective, ReleaseStatus.Processing, identity.Source, identity.Sha256,
                snapshot.Codes.Count, null, null, null, existing?.ReceivedAt ?? receivedAt, null, null),
            cancellationToken);

        var recomputed = await recompute.ApplyAsync(snapshot, accepted, cancellationToken);
        var rowsWritten = recomputed.RowsWritten;

        // Only the neighbours in time are read: this release compares with the one before it, and the one after now compares with this one.
        var prior = accepted.LastOrDefault(r => r.Effective < identity.Effective);
        var next = accepted.FirstOrDefault(r => r.Effective > identity.Effective);
        var priorSnapshot = prior is null ? null : await snapshots.RequireAsync(identity.System, prior.Effective!.Value, cancellationToken);
        var diff = ReleaseDiff.Compare(priorSnapshot, snapshot);
        if (next is not null)
        {
            var summary = ReleaseDiff.Compare(snapshot, await snapshots.RequireAsync(identity.System, next.Effective!.Value, cancellationToken)).Summary;
            await releases.UpsertAsync(next with { Prior = identity.Effective, Counts = ReleaseStore.CountsOf(summary) }, cancellationToken);
        }

        await queues.GetQueueClient(StorageNames.ChangeReportsQueue).SendMessageAsync(
            new ChangeReportRequest(identity.System.Name(), identity.Effective, identity.Sha256).ToJson(), cancellationToken);

        var published = new ReleaseRecord(
            identity.System.Name(), identity.Effective, ReleaseStatus.Published, identity.Source, identity.Sha256,
            snapshot.Codes.Count, prior?.Effective, ReleaseStore.CountsOf(diff.Summary), null,
            existing?.ReceivedAt ?? receivedAt, time.GetUtcNow(), rowsWritten);

        // Head before the record: once the record says published a retry does nothing, so the head must already have moved.
        var previousHead = (await releases.HeadsAsync(cancellationToken)).GetValueOrDefault(identity.System);
        await releases.TouchHeadAsync(identity.System, cancellationToken);
        foreach (var listener in publishedListeners)
        {
            await listener.OnReleasePublishedAsync(new ReleasePublished(identity.System, identity.Effective, previousHead, recomputed), cancellationToken);
        }

        await releases.PublishAsync(published, processing, cancellationToken);
        logger.LogInformation(
            "Published {System} {Effective} from {Source}: {Summary}; {Rows} version rows written",
            identity.System.Name(), IsoDate.Format(identity.Effective), identity.Source, ChangeReportSubject.Counts(diff.Summary), rowsWritten);
        return new IngestReleaseResult(IngestOutcome.Published, published, rowsWritten);
    }

    private async Task<IngestReleaseResult> RejectAsync(
        string blobName, byte[] identifyingBytes, IReadOnlyDictionary<string, string> metadata, InvalidReleaseException problem, CancellationToken cancellationToken)
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

        var record = new ReleaseRecord(
            system, effective, ReleaseStatus.Rejected, blobName, ReleaseIdentityResolver.Sha256(identifyingBytes), null, null, null,
            problem.Message, time.GetUtcNow(), null, null);
        await releases.UpsertAsync(record, cancellationToken);
        await quarantine.MoveAsync(blobName, metadata, problem.Message, cancellationToken);
        logger.LogWarning("Rejected {Blob}: {Reason}; moved to {Container}", blobName, problem.Message, StorageNames.QuarantineContainer);
        return new IngestReleaseResult(IngestOutcome.Rejected, record, 0);
    }
}
