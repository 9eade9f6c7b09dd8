using CodeUpdates.Ingestion.Diff;
using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Ingestion.Storage;

namespace CodeUpdates.Ingestion.Reports;

/// <summary>Recomputes a published release's diff from the stored snapshots of it and of the published release before it.</summary>
public sealed class ReleaseChangesSource(ReleaseStore releases, SnapshotStore snapshots) : IReleaseChangesSource
{
    public async Task<PublishedChanges?> GetPublishedChangesAsync(CodeSystem system, DateOnly effective, CancellationToken cancellationToken)
    {
        var (record, priorRecord) = Find(await releases.ListAsync(system, cancellationToken), effective);
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

        var prior = priorRecord is null ? null : await snapshots.LoadAsync(system, priorRecord.Effective!.Value, cancellationToken);
        return new PublishedChanges(current.Identity, ReleaseDiff.Compare(prior, current));
    }

    public async Task<PublishedRelease?> FindPublishedAsync(CodeSystem system, DateOnly effective, CancellationToken cancellationToken)
    {
        var (record, prior) = Find(await releases.ListAsync(system, cancellationToken), effective);
        return record is null ? null : new PublishedRelease(system, effective, record.Sha256, prior?.Sha256);
    }

    /// <summary>The published record for the date and the published record before it, which its changes are counted against.</summary>
    private static (ReleaseRecord? Release, ReleaseRecord? Prior) Find(IReadOnlyList<ReleaseRecord> records, DateOnly effective)
    {
        var record = ReleaseStore.Published(records).FirstOrDefault(r => r.Effective == effective);
        return (record, record is null ? null : ReleaseStore.PriorOf(records, effective));
    }
}
