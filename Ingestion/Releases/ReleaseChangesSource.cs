using CodeUpdates.Ingestion.Diff;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Reports;

namespace CodeUpdates.Ingestion.Releases;

/// <summary>
/// A published release's changes as stored when it was published (<see cref="SnapshotStore.LoadChangesAsync"/>), so the
/// page, the export and the mail read one document computed once. A release published before changes were stored has
/// none: its changes are computed from the snapshots of it and of its prior once, and stored. A release that replaced a
/// published file for its date also answers what it changed against that file (<see cref="SnapshotStore.LoadCorrectionAsync"/>).
/// </summary>
public sealed class ReleaseChangesSource(ReleaseStore releases, SnapshotStore snapshots) : IReleaseChangesSource
{
    public async Task<PublishedChanges?> GetPublishedChangesAsync(CodeSystem system, DateOnly effective, CancellationToken cancellationToken)
    {
        var records = await releases.ListAsync(system, cancellationToken);
        var (record, priorRecord) = Find(records, effective);
        if (record is null)
        {
            return null;
        }

        var stored = await snapshots.LoadChangesAsync(system, effective, cancellationToken);
        if (stored is not null && stored.Current.Sha256 == record.Sha256 && stored.Prior?.Sha256 == priorRecord?.Sha256 && !LacksCmsEvidence(stored))
        {
            return new PublishedChanges(new ReleaseIdentity(system, effective, stored.Current.Source, stored.Current.Sha256), stored)
            {
                Correction = await CorrectionAsync(system, records, record, null, cancellationToken),
            };
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

        return new PublishedChanges(current.Identity, diff) { Correction = await CorrectionAsync(system, records, record, current, cancellationToken) };
    }

    /// <summary>
    /// A document stored before HCPCS changes carried CMS's action codes (and the quarters not loaded, and the reused
    /// marks, computed with them): computed again once, and stored, like the changes of a release published before any were.
    /// </summary>
    public static bool LacksCmsEvidence(ReleaseDiffResult stored) =>
        stored.System == CodeSystem.Hcpcs && !stored.InitialLoad && stored.CmsActions is null;

    /// <summary>
    /// What a release changed against the file it replaced for its date. CMS's action codes and missing quarters are
    /// about the release before the date, so they are left out: this compares two files for one date.
    /// </summary>
    public static ReleaseDiffResult CorrectionDiff(ReleaseSnapshot replaced, ReleaseSnapshot release) =>
        ReleaseDiff.Compare(replaced, release) with { CmsActions = null, MissingQuarters = null };

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

    public async Task<ReleaseDiffResult?> GetSupersededChangesAsync(CodeSystem system, DateOnly effective, string sha256, CancellationToken cancellationToken)
    {
        var records = await releases.ListAsync(system, cancellationToken);
        if (!records.Any(r => r.Status == ReleaseStatus.Superseded && r.Effective == effective && r.PublishedAt is not null && string.Equals(r.Sha256, sha256, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        return await snapshots.LoadChangesCopyAsync(system, effective, sha256.ToLowerInvariant(), cancellationToken);
    }

    /// <summary>
    /// The published file <paramref name="record"/> replaced for its date (the corrections record names it; a corrected file
    /// dropped later finds the last publication recorded superseded by it), and the stored diff against it. A diff missing
    /// or stale (stored before this release) is computed once from the kept snapshot, and stored, as the changes are.
    /// </summary>
    private async Task<ReleaseCorrection?> CorrectionAsync(
        CodeSystem system, IReadOnlyList<ReleaseRecord> records, ReleaseRecord record, ReleaseSnapshot? current, CancellationToken cancellationToken)
    {
        var replaced = ReplacedBy(records, record);
        if (replaced is null && record.Corrections is null)
        {
            return null;
        }

        var effective = record.Effective!.Value;
        var (source, sha256) = replaced is null ? (record.Corrections!.Corrects, record.Corrections.CorrectsSha256) : (replaced.Source, replaced.Sha256);
        var file = new ReplacedFile(source, sha256, replaced?.PublishedAt, ReleaseRecord.SupersededChangesPath(record.System, effective, sha256));
        var outcome = record.Corrections is { } c
            ? new CorrectionsDocumentOutcome(c.Document, c.Applied, c.UnappliedCount, c.Unapplied.Select(u => new CorrectionLine(u.Line, u.Code, u.Action, u.Text, u.Reason)).ToArray())
            : null;

        var diff = await snapshots.LoadCorrectionAsync(system, effective, cancellationToken);
        if (diff is null || diff.Current.Sha256 != record.Sha256 || diff.Prior?.Sha256 != sha256)
        {
            diff = null;
            current ??= await snapshots.LoadAsync(system, effective, cancellationToken);
            if (current?.Identity.Sha256 == record.Sha256 && await snapshots.LoadCopyAsync(system, effective, sha256, cancellationToken) is { } kept)
            {
                diff = CorrectionDiff(kept, current);
                await snapshots.SaveCorrectionAsync(diff, cancellationToken);
            }
        }

        return new ReleaseCorrection(file, outcome, diff);
    }

    /// <summary>The last publication for the release's date that it replaced, or null.</summary>
    private static ReleaseRecord? ReplacedBy(IReadOnlyList<ReleaseRecord> records, ReleaseRecord record)
    {
        var superseded = records.Where(r => r.Status == ReleaseStatus.Superseded && r.Effective == record.Effective && r.PublishedAt is not null).ToArray();
        if (record.Corrections is { } corrections && superseded.FirstOrDefault(r => r.Sha256 == corrections.CorrectsSha256 && r.Source == corrections.Corrects) is { } named)
        {
            return named;
        }

        return superseded.Where(r => r.SupersededBy == record.Source).OrderByDescending(r => r.SupersededAt ?? r.PublishedAt).FirstOrDefault();
    }

    /// <summary>The published record for the date and the published record before it, which its changes are counted against.</summary>
    private static (ReleaseRecord? Release, ReleaseRecord? Prior) Find(IReadOnlyList<ReleaseRecord> records, DateOnly effective)
    {
        var record = ReleaseStore.Published(records).FirstOrDefault(r => r.Effective == effective);
        return (record, record is null ? null : ReleaseStore.PriorOf(records, effective));
    }
}
