using System.Text.Json;
using CodeUpdates.Ingestion.Diff;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Reports;

namespace CodeUpdates.Ingestion.Releases;

/// <summary>Reads a published release's changes (implemented over the snapshot store).</summary>
public interface IReleaseChangesSource
{
    /// <summary>
    /// The changes of the release of <paramref name="system"/> effective on <paramref name="effective"/>,
    /// or null when no release is published for that date.
    /// </summary>
    Task<PublishedChanges?> GetPublishedChangesAsync(CodeSystem system, DateOnly effective, CancellationToken cancellationToken);

    /// <summary>
    /// The release of <paramref name="system"/> published for <paramref name="effective"/> and the one before it, from
    /// the release records alone (no snapshot is read), or null when none is published for that date.
    /// </summary>
    Task<PublishedRelease?> FindPublishedAsync(CodeSystem system, DateOnly effective, CancellationToken cancellationToken);

    /// <summary>
    /// The changes, as they were published, of a file that was published for <paramref name="effective"/> and later replaced
    /// (kept under its hash), or null when no such file is recorded or its changes were not kept.
    /// </summary>
    Task<ReleaseDiffResult?> GetSupersededChangesAsync(CodeSystem system, DateOnly effective, string sha256, CancellationToken cancellationToken);

    /// <summary>
    /// The changes of <paramref name="release"/> (named by its file's hash) against the release named by its prior's hash,
    /// either of which may have been replaced since (knownAt): the stored document while both are the dates' files, else
    /// the copy kept when the release was replaced, else computed from the kept snapshots; null when a snapshot is missing.
    /// </summary>
    Task<ReleaseDiffResult?> GetChangesAsync(PublishedRelease release, CancellationToken cancellationToken);
}
