using System.Text.Json;
using CodeUpdates.Ingestion.Diff;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Reports;

namespace CodeUpdates.Ingestion.Releases;

/// <summary>The published release a report request names, with its diff against the release before it.</summary>
/// <param name="Diff">Prior is null for the system's first release (an initial load).</param>
public sealed record PublishedChanges(ReleaseIdentity Release, ReleaseDiffResult Diff)
{
    /// <summary>For a release that replaced a published file for the same date: what it replaced and what it changed against it.</summary>
    public ReleaseCorrection? Correction { get; init; }
}
