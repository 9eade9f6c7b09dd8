using System.Collections.Concurrent;
using Azure;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Storage;
using Microsoft.Extensions.Logging;

namespace CodeUpdates.Ingestion.Releases;

/// <summary>
/// The reconciliation sweep: every drop ends with a record even when a trigger missed it (the
/// local container scan does under bursts, Event Grid can fail delivery) or the process died
/// mid-ingest. It resumes every release left <c>processing</c> whose system lock is no longer
/// held (its ingest died, the lease expired), and every published release whose change report was never queued
/// (its ingest died between the two; the ingest, finding it unchanged, queues it), then ingests every blob in <c>releases/</c> whose
/// content has no record. Ingestion is idempotent and serialised per system, so the sweep and
/// the trigger may both fire for one file. Blob names are data: a name that breaks the blob name
/// rule is recorded as rejected by its name, and no client is built from it.
/// </summary>
public sealed class ReleaseSweep(
    DroppedFiles files,
    ReleaseStore releases,
    SystemLock systemLock,
    IIngestRelease ingest,
    TimeProvider time,
    ILogger<ReleaseSweep> logger)
{
    /// <summary>Blobs younger than this are left to the trigger, which is normally about to ingest them.</summary>
    public TimeSpan TriggerGrace { get; init; } = TimeSpan.FromSeconds(10);

    // Blobs (name → ETag) whose content this instance has already found recorded: hashed once, not every sweep.
    private readonly ConcurrentDictionary<string, ETag> recorded = new(StringComparer.Ordinal);

    public async Task<ReleaseSweepResult> RunAsync(CancellationToken cancellationToken)
    {
        var records = await releases.ListAsync(null, cancellationToken);
        var resumed = 0;
        var ingested = 0;
        var failed = 0;

        foreach (var stuck in records.Where(r => r.Status == ReleaseStatus.Processing || r is { Status: ReleaseStatus.Published, ReportPending: true }))
        {
            if (!CodeSystems.TryParse(stuck.System, out var system) || await systemLock.IsHeldAsync(system, cancellationToken))
            {
                // Its ingest is still running (or its lease has not yet expired): leave it.
                continue;
            }

            logger.LogWarning("{System} {Effective} from {Source} was left {State}; resuming it", stuck.System, stuck.Effective, stuck.Source, stuck.Status == ReleaseStatus.Processing ? "processing" : "published with its change report not queued");
            if (await TryIngestAsync(stuck.Source, cancellationToken) is { } outcome)
            {
                resumed++;
                if (outcome == IngestOutcome.Missing)
                {
                    logger.LogError("{System} {Effective} was left processing and its file {Source} is gone from '{Container}': drop the file again", stuck.System, stuck.Effective, stuck.Source, StorageNames.ReleasesContainer);
                }
            }
            else
            {
                failed++;
            }
        }

        var accepted = records.Where(r => r.Status is ReleaseStatus.Processing or ReleaseStatus.Published).Select(r => r.Sha256).ToHashSet(StringComparer.Ordinal);
        var rejected = records.Where(r => r.Status == ReleaseStatus.Rejected).Select(r => (r.Source, r.Sha256)).ToHashSet();

        // A superseded file is done with until it is uploaded again (then it may be the later one).
        var superseded = records.Where(r => r.Status == ReleaseStatus.Superseded)
            .GroupBy(r => (r.Source, r.Sha256))
            .ToDictionary(g => g.Key, g => g.Max(r => r.UploadedAt ?? r.ReceivedAt));
        var recordedAt = records.GroupBy(r => r.Source, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Max(r => r.PublishedAt ?? r.ReceivedAt), StringComparer.Ordinal);
        var now = time.GetUtcNow();
        var candidates = new List<(string Name, ETag ETag, DateTimeOffset Modified)>();
        await foreach (var (blobName, etag, lastModified) in files.ListAsync(cancellationToken))
        {
            var modified = lastModified ?? now;
            if (now - modified < TriggerGrace
                || (recordedAt.TryGetValue(blobName, out var at) && at >= modified)
                || (recorded.TryGetValue(blobName, out var known) && known == etag))
            {
                continue;
            }

            candidates.Add((blobName, etag, modified));
        }

        // Oldest first, as an admin dropped them; which of two files for one date wins is the ingest's to say, from their upload times.
        foreach (var (name, etag, modified) in candidates.OrderBy(c => c.Modified))
        {
            // A name that breaks the blob name rule is never used to build a client: its record is keyed by the name alone.
            var badName = BlobNames.Problem(name) is not null;
            var sha256 = badName ? IngestReleaseHandler.NameSha256(name) : await files.HashAsync(name, cancellationToken);
            if (sha256 is null
                || accepted.Contains(sha256)
                || rejected.Contains((BlobNames.Printable(name), sha256))
                || (superseded.TryGetValue((name, sha256), out var uploadedAt) && uploadedAt >= modified))
            {
                recorded[name] = etag;
                continue;
            }

            logger.LogWarning("{Blob} has no release record; ingesting it", BlobNames.Printable(name));
            if (await TryIngestAsync(name, cancellationToken) is not null)
            {
                ingested++;
            }
            else
            {
                failed++;
            }
        }

        if (ingested + resumed + failed > 0)
        {
            logger.LogInformation("Release sweep: {Ingested} file(s) ingested, {Resumed} release(s) resumed, {Failed} failed (retried next sweep)", ingested, resumed, failed);
        }

        return new ReleaseSweepResult(ingested, resumed, failed);
    }

    /// <summary>Ingests one file; a fault is logged and left to the next sweep, so one bad moment never stops the others.</summary>
    private async Task<IngestOutcome?> TryIngestAsync(string blobName, CancellationToken cancellationToken)
    {
        try
        {
            return (await ingest.HandleAsync(new IngestReleaseCommand(blobName), cancellationToken)).Outcome;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(ex, "The sweep could not ingest {Blob}; it tries again on its next run", BlobNames.Printable(blobName));
            return null;
        }
    }
}
