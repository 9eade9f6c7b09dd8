using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.ReleaseFiles.Hcpcs;
using Microsoft.Extensions.Logging;

namespace CodeUpdates.Ingestion.Releases;

/// <summary>
/// Publishes a CMS corrections document, under the HCPCS lock, as a corrected release of its year: the document is
/// applied (<see cref="CorrectionsApplier"/>) to the published release for the year's 1 January as it stands, and the
/// result goes through <see cref="ReleasePublisher"/> like any file for that date (the replaced file is recorded
/// superseded by the document, versions are recomputed, the report is queued). Before that the replaced release's
/// snapshot and changes are kept under its hash, so they stay readable and a retry of a killed run finds the release the
/// document was applied to; after it, the corrected release's changes against the replaced one are stored and the
/// record is given what was applied and what was not. The same document dropped again changes nothing.
/// </summary>
public sealed class CorrectionsPublisher(
    SnapshotStore snapshots,
    ReleaseStore releases,
    ReleasePublisher publisher,
    ILogger<CorrectionsPublisher> logger)
{
    /// <exception cref="InvalidReleaseException">The year's release is not loaded, or storage refused the corrected release for good.</exception>
    public async Task<IngestReleaseResult> PublishAsync(CorrectionsDocument document, DateTimeOffset uploadedAt, CancellationToken cancellationToken)
    {
        const CodeSystem system = CodeSystem.Hcpcs;
        var effective = document.Effective;
        var records = await releases.ListAsync(system, cancellationToken);
        var current = records.FirstOrDefault(r => r.Effective == effective && r.Status is ReleaseStatus.Published or ReleaseStatus.Processing);
        if (current is null)
        {
            throw new InvalidReleaseException(
                document.Source,
                $"corrections for HCPCS {document.Year} need the {document.Year} release (effective {IsoDate.Format(effective)}) loaded first; drop the {document.Year} HCPCS file (HCPC{document.Year}_..._ANWEB), then drop {Path.GetFileName(document.Source)} again");
        }

        if (current is { Status: ReleaseStatus.Published, Corrections: { } done } && current.Source == document.Source && done.DocumentSha256 == document.Sha256)
        {
            logger.LogInformation("HCPCS {Effective} is already corrected by {Source} with the same bytes", IsoDate.Format(effective), document.Source);
            return new IngestReleaseResult(IngestOutcome.Unchanged, current, 0);
        }

        var corrected = ReleaseToCorrect(records, current, document)
            ?? throw new InvalidOperationException($"HCPCS {IsoDate.Format(effective)} is left processing from {current.Source}; the sweep resumes it, then drop {document.Source} again");
        var release = await snapshots.LoadCopyAsync(system, effective, corrected.Sha256, cancellationToken);
        if (release is null && await snapshots.LoadAsync(system, effective, cancellationToken) is { } stored && stored.Identity.Sha256 == corrected.Sha256)
        {
            release = stored;
        }

        if (release is null)
        {
            throw new InvalidOperationException($"the snapshot of HCPCS {IsoDate.Format(effective)} from {corrected.Source} ({corrected.Sha256}) is missing; drop that file again");
        }

        var priorRecord = ReleaseStore.PriorOf(records, effective);
        var prior = priorRecord is null ? null : await snapshots.RequireAsync(system, priorRecord.Effective!.Value, cancellationToken);
        var result = CorrectionsApplier.Apply(document, release, prior);

        // The publisher keeps the replaced release under its hash before the date's own names are overwritten, and stores
        // the corrected release's changes against it: the same for a corrected file dropped later.
        var published = await publisher.PublishAsync(result.Snapshot, uploadedAt, cancellationToken);
        if (published.Release is not { Status: ReleaseStatus.Published } record || record.Sha256 != result.Snapshot.Identity.Sha256)
        {
            return published;
        }

        var withCorrections = record with { Corrections = result.Corrections };
        await releases.UpsertAsync(withCorrections, cancellationToken);
        logger.LogInformation(
            "HCPCS {Effective} corrected by {Source}: {Applied} line(s) applied, {Unapplied} not applied",
            IsoDate.Format(effective), document.Source, result.Corrections.Applied, result.Corrections.UnappliedCount);
        return published with { Release = withCorrections };
    }

    /// <summary>
    /// The release the document applies to: the one published for the date, or, when this document already replaced it
    /// (a retry, or the document dropped again with other bytes), the file it replaced, recorded superseded by it.
    /// </summary>
    private static ReleaseRecord? ReleaseToCorrect(IReadOnlyList<ReleaseRecord> records, ReleaseRecord current, CorrectionsDocument document)
    {
        if (current.Source != document.Source)
        {
            return current.Status == ReleaseStatus.Published ? current : null;
        }

        if (current.Corrections is { } earlier)
        {
            return current with { Source = earlier.Corrects, Sha256 = earlier.CorrectsSha256 };
        }

        return records
            .Where(r => r.Status == ReleaseStatus.Superseded && r.Effective == current.Effective && r.SupersededBy == document.Source)
            .OrderByDescending(r => r.ReceivedAt)
            .FirstOrDefault();
    }
}
