using CodeUpdates.Ingestion.Diff;
using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Ingestion.Storage;

namespace CodeUpdates.Ingestion.Reports;

/// <summary>Recomputes a published release's diff from the stored snapshots of it and of the published release before it.</summary>
public sealed class ReleaseChangesSource(ReleaseStore releases, SnapshotStore snapshots) : IReleaseChangesSource
{
    public async Task<PublishedChanges?> GetPublishedChangesAsync(CodeSystem system, DateOnly effective, CancellationToken cancellationToken)
    {
        var records = await releases.ListAsync(system, cancellationToken);
        var record = ReleaseStore.Published(records).FirstOrDefault(r => r.Effective == effective);
        if (record is null)
        {
            return null;
        }

        var current = await snapshots.LoadAsync(system, effective, cancellationToken);
        if (current is null || current.Identity.Sha256 != record.Sha256)
        {
            // The snapshot is being replaced by a corrected file right now; its record will follow.
            return null;
        }

        var priorRecord = ReleaseStore.PriorOf(records, effective);
        var prior = priorRecord is null ? null : await snapshots.LoadAsync(system, priorRecord.Effective!.Value, cancellationToken);
        return new PublishedChanges(current.Identity, ReleaseDiff.Compare(prior, current));
    }
}
