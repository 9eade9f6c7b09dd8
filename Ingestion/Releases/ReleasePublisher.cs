using Azure;
using CodeUpdates.Ingestion.Diff;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Reports;
using Microsoft.Extensions.Logging;

namespace CodeUpdates.Ingestion.Releases;

/// <summary>
/// Applies a read release under its system's lock. Order of writes, chosen so that a run killed between any two
/// of them is finished by the retry with the same end state as a clean run: snapshot blob → release record
/// "processing" → version rows (only those that differ) → head row (other instances' caches reload) → this
/// instance's listeners (its cache takes in the recomputed codes) → release record "published" (with its change
/// report pending). Of two files for one date the one uploaded last (storage's last-modified time) is the release,
/// whichever is processed first; the other is recorded as superseded. Only published releases are ever built on
/// (see <see cref="ReleaseStore.Published"/>). A release storage refuses for good (a 400-class error such as
/// PropertyValueTooLarge) has what it wrote undone and is thrown as an <see cref="InvalidReleaseException"/>.
/// </summary>
public sealed class ReleasePublisher(
    SnapshotStore snapshots,
    ReleaseStore releases,
    VersionPublication versions,
    DroppedFiles files,
    TimeProvider time,
    ILogger<ReleasePublisher> logger)
{
    /// <exception cref="InvalidReleaseException">Storage refused the release for good; its writes are undone.</exception>
    public async Task<IngestReleaseResult> PublishAsync(ReleaseSnapshot snapshot, DateTimeOffset uploadedAt, CancellationToken cancellationToken)
    {
        var records = await releases.ListAsync(snapshot.Identity.System, cancellationToken);
        try
        {
            return await ApplyAsync(snapshot, uploadedAt, records, cancellationToken);
        }
        catch (RequestFailedException ex) when (IsPermanent(ex))
        {
            await AbandonAsync(snapshot, records, ex, cancellationToken);
            throw new InvalidReleaseException(snapshot.Identity.Source, StorageRefusal(ex));
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

        if (replaced is { PublishedAt: not null })
        {
            // What the replaced release answered stays readable at the instants it answered (its changes, knownAt).
            await snapshots.KeepReplacedAsync(identity.System, identity.Effective, replaced.Sha256, cancellationToken);
        }

        await snapshots.SaveAsync(snapshot, cancellationToken);
        var stamp = KnowledgeInstant.StampFor(records, existing, identity.Sha256, receivedAt);
        var replacedReleases = new List<ReleaseRecord>();
        if (replaced is not null)
        {
            // The file this one replaces keeps a record saying why it is no longer the release (a killed run is healed by the sweep,
            // which finds it without one). Written before the date's row is overwritten, so a published release never loses when it
            // was published and under which stamp: what it answered stays known at the instants it answered.
            var kept = replaced.PublishedAt is null
                ? ReleaseRecord.Superseded(replaced.System, identity.Effective, replaced.Source, replaced.Sha256, replaced.Codes, receivedAt, replaced.UploadedAt, identity.Source) with { Notes = replaced.Notes }
                : replaced with { Status = ReleaseStatus.Superseded, SupersededBy = identity.Source, SupersededAt = null, ReportPending = false };
            await releases.UpsertAsync(kept, cancellationToken);
            replacedReleases.Add(kept);
        }

        // The stamp is in the record before any version row carries it, so a retry after a kill writes under the same one.
        var processing = await releases.UpsertAsync(
            ReleaseRecord.Processing(identity.System.Name(), identity.Effective, identity.Source, identity.Sha256, snapshot.Codes.Count, existing?.ReceivedAt ?? receivedAt)
                with { UploadedAt = uploadedAt, Notes = notes, KnowledgeStamp = stamp },
            cancellationToken);

        var published = ReleaseStore.Published(records);
        var recomputed = await versions.ApplyAsync(snapshot, published, stamp, cancellationToken);
        var rowsWritten = recomputed.RowsWritten;

        // Only the neighbours in time are read: this release compares with the one before it, and the one after now compares with this one.
        var prior = ReleaseStore.PriorOf(records, identity.Effective);
        var next = ReleaseStore.NextOf(records, identity.Effective);
        var priorSnapshot = prior is null ? null : await snapshots.RequireAsync(identity.System, prior.Effective!.Value, cancellationToken);
        var diff = ReleaseDiff.Compare(priorSnapshot, snapshot);
        await snapshots.SaveChangesAsync(diff, cancellationToken);
        if (next is not null)
        {
            var nextDiff = ReleaseDiff.Compare(snapshot, await snapshots.RequireAsync(identity.System, next.Effective!.Value, cancellationToken));
            await snapshots.SaveChangesAsync(nextDiff, cancellationToken);
            await releases.UpsertAsync(next with { Prior = identity.Effective, Counts = ReleaseCounts.Of(nextDiff) }, cancellationToken);
        }

        var publishedAt = time.GetUtcNow();
        var release = ReleaseRecord.Published(
            identity.System.Name(), identity.Effective, identity.Source, identity.Sha256, snapshot.Codes.Count, prior?.Effective,
            ReleaseCounts.Of(diff), existing?.ReceivedAt ?? receivedAt, publishedAt, rowsWritten)
            with { UploadedAt = uploadedAt, Notes = notes, ReportPending = true, KnowledgeStamp = stamp };

        // The published releases this one replaces (also those a killed attempt recorded) stop answering when it is published.
        replacedReleases.AddRange(records.Where(r => r.Status == ReleaseStatus.Superseded && r.Effective == identity.Effective
            && r.SupersededBy == identity.Source && r.PublishedAt is not null && r.SupersededAt is null));
        foreach (var loser in replacedReleases.Where(r => r.PublishedAt is not null).DistinctBy(r => (r.Source, r.Sha256, r.PublishedAt)))
        {
            await releases.UpsertAsync(loser with { SupersededAt = publishedAt }, cancellationToken);
        }

        // What this release changed against the publication it replaces, computed once here and read with its changes.
        if (replacedReleases.Where(r => r.PublishedAt is not null).MaxBy(r => r.PublishedAt) is { } lastReplaced
            && await snapshots.LoadCopyAsync(identity.System, identity.Effective, lastReplaced.Sha256, cancellationToken) is { } replacedSnapshot)
        {
            await snapshots.SaveCorrectionAsync(ReleaseChangesSource.CorrectionDiff(replacedSnapshot, snapshot), cancellationToken);
        }

        // This file was superseded before it was ever published, and has been uploaded again since: it is the release now.
        // (A superseded record of a publication is kept: it says what was known when.)
        if (records.FirstOrDefault(r => r.Status == ReleaseStatus.Superseded && r.Source == identity.Source && r.Sha256 == identity.Sha256 && r.PublishedAt is null) is { } wasSuperseded)
        {
            await releases.DeleteSupersededAsync(wasSuperseded, cancellationToken);
        }

        // Head before the record: once the record says published a retry does nothing, so the head must already have moved.
        await versions.AnnounceAsync(identity.System, identity.Effective, recomputed, cancellationToken);

        await releases.PublishAsync(release, processing, cancellationToken);
        logger.LogInformation(
            "Published {System} {Effective} from {Source}: {Summary}; {Rows} version rows written",
            identity.System.Name(), IsoDate.Format(identity.Effective), identity.Source, diff.InitialLoad ? ChangeReportSubject.InitialLoad(diff.Current.Codes) : ChangeReportSubject.Counts(diff.Summary), rowsWritten);
        return new IngestReleaseResult(IngestOutcome.Published, release, rowsWritten);
    }

    /// <summary>
    /// Keeps the published release a file for its date is about to replace, under its hash, before the date's own names are
    /// overwritten: its changes stay readable, the correction is diffed against it, and a retry of a corrections document finds it.
    /// </summary>
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
    /// Undoes what a release storage refused for good had written: the date's previous
    /// release (if any) is restored from its file, the version rows and statements become those of the
    /// published releases, the next release compares with its published prior again, and caches reload.
    /// </summary>
    private async Task AbandonAsync(
        ReleaseSnapshot snapshot, IReadOnlyList<ReleaseRecord> recordsBefore, RequestFailedException refusal, CancellationToken cancellationToken)
    {
        var identity = snapshot.Identity;
        var abandoned = await releases.GetAsync(identity.System, identity.Effective, cancellationToken);
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

        // The undoing is written under a stamp no release is published with, later than the abandoned attempt's.
        var undoStamp = KnowledgeInstant.NewStamp(abandoned is null ? records : records.Append(abandoned), time.GetUtcNow());
        await versions.RestoreAsync(identity.System, ReleaseStore.Published(records), undoStamp, cancellationToken);
        if (ReleaseStore.NextOf(records, identity.Effective) is { } next)
        {
            var prior = ReleaseStore.PriorOf(records, next.Effective!.Value);
            var priorSnapshot = prior is null ? null : await snapshots.RequireAsync(identity.System, prior.Effective!.Value, cancellationToken);
            var nextDiff = ReleaseDiff.Compare(priorSnapshot, await snapshots.RequireAsync(identity.System, next.Effective!.Value, cancellationToken));
            await snapshots.SaveChangesAsync(nextDiff, cancellationToken);
            var restored = next with { Prior = prior?.Effective, Counts = ReleaseCounts.Of(nextDiff) };
            if (restored != next)
            {
                await releases.UpsertAsync(restored, cancellationToken);
            }
        }

        await versions.ReloadAsync(identity.System, cancellationToken);
    }

    /// <summary>Stores the snapshot of a published release again from its file, when the file is still there with the same bytes.</summary>
    private async Task<bool> RestoreSnapshotAsync(ReleaseRecord release, CancellationToken cancellationToken)
    {
        if (BlobNames.Problem(release.Source) is not null)
        {
            return false;
        }

        if (await files.ReadAsync(release.Source, cancellationToken) is not { Content: { } content } file)
        {
            return false;
        }

        try
        {
            var snapshot = ReleaseReader.Read(new ReleaseFile(release.Source, content, file.Metadata));
            if (snapshot.Identity.Sha256 != release.Sha256)
            {
                return false;
            }

            await snapshots.SaveAsync(snapshot, cancellationToken);
            return true;
        }
        catch (InvalidReleaseException)
        {
            return false;
        }
    }
}
