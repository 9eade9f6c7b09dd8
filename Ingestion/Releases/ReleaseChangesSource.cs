using CodeUpdates.Ingestion.Diff;
using CodeUpdates.Ingestion.ReleaseFiles;

namespace CodeUpdates.Ingestion.Releases;

/// <summary>
/// A published release's changes as stored when it was published (<see cref="SnapshotStore.LoadChangesAsync"/>), so the
/// page, the export and the mail read one document computed once. A release published before changes were stored has
/// none: its changes are computed from the snapshots of it and of its prior once, and stored.
/// </summary>
public sealed class ReleaseChangesSource(ReleaseStore releases, SnapshotStore snapshots) : IReleaseChangesSource
{
    public async Task<PublishedChanges?> GetPublishedChangesAsync(CodeSystem system, DateOnly effective, CancellationToken cancellationToken)
    {
        var (record, priorRecord) = Find(await releases.ListAsync(system, cancellationToken), effective);
        if (record is null)
        {
            return null;
        }

        var stored = await snapshots.LoadChangesAsync(system, effective, cancellationToken);
        if (stored is not null && stored.Current.Sha256 == record.Sha256 && stored.Prior?.Sha256 == priorRecord?.Sha256 && !LacksCmsEvidence(stored))
        {
            return new PublishedChanges(new ReleaseIdentity(system, effective, stored.Current.Source, stored.Current.Sha256), stored);
        }

        var current = await snapshots.LoadAsync(system, effective, cancellationToken);
        if (current is null || current.Identity.Sha256 != record.Sha256)
        {
            // The snapshot is being replaced by a corrected file right now; its record will follow.
            return null;
        }

        var prior = priorRecord is null ? null : await snapshots.LoadAsync(system, priorRecord.Effective!.Value, cancellationToken);
        var diff = ReleaseDiff.Compare(prior, current);
        if (diff.Prior?.Sha256 == priorRecord?.Sha256)
        {
            await snapshots.SaveChangesAsync(diff, cancellationToken);
        }

        return new PublishedChanges(current.Identity, diff);
    }

    /// <summary>
    /// A document stored before HCPCS changes carried CMS's action codes (and the quarters not loaded, and the reused
    /// marks, computed with them): computed again once, and stored, like the changes of a release published before any were.
    /// </summary>
    public static bool LacksCmsEvidence(ReleaseDiffResult stored) =>
        stored.System == CodeSystem.Hcpcs && !stored.InitialLoad && stored.CmsActions is null;

    public async Task<ReleaseDiffResult?> GetChangesAsync(PublishedRelease release, CancellationToken cancellationToken)
    {
        var (system, effective, sha256, priorSha256) = release;
        if (await snapshots.LoadChangesAsync(system, effective, cancellationToken) is { } stored && Compares(stored, release))
        {
            return stored;
        }

        if (await snapshots.LoadChangesCopyAsync(system, effective, sha256, cancellationToken) is { } kept && Compares(kept, release))
        {
            return kept;
        }

        // The prior was replaced after this release's changes were computed against it (or they were never stored): compare the two files again.
        var current = await snapshots.LoadOfAsync(system, effective, sha256, cancellationToken);
        ReleaseSnapshot? prior = null;
        if (priorSha256 is not null)
        {
            prior = release.PriorEffective is { } priorEffective ? await snapshots.LoadOfAsync(system, priorEffective, priorSha256, cancellationToken) : null;
            if (prior is null)
            {
                return null;
            }
        }

        return current is null ? null : ReleaseDiff.Compare(prior, current);
    }

    private static bool Compares(ReleaseDiffResult diff, PublishedRelease release) =>
        diff.Current.Sha256 == release.Sha256 && diff.Prior?.Sha256 == release.PriorSha256 && !LacksCmsEvidence(diff);

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
