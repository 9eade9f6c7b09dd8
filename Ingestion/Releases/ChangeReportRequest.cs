using CodeUpdates.Ingestion.Diff;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Reports;
using System.Text.Json;
namespace CodeUpdates.Ingestion.Releases;

/// <summary>
/// The queue message a published release sends to ask for its change report. The hash pins the
/// exact file: a message for a release that was since replaced by a corrected file reports nothing.
/// </summary>
public sealed record ChangeReportRequest(string System, DateOnly Effective, string Sha256)
{
    public string ToJson() => JsonSerializer.Serialize(this, ChangeReportDocument.JsonOptions);

    public static ChangeReportRequest FromJson(string json) =>
        JsonSerializer.Deserialize<ChangeReportRequest>(json, ChangeReportDocument.JsonOptions)
        ?? throw new JsonException("empty change report request");
}

/// <summary>The published release a report request names, with its diff against the release before it.</summary>
/// <param name="Diff">Prior is null for the system's first release (an initial load).</param>
public sealed record PublishedChanges(ReleaseIdentity Release, ReleaseDiffResult Diff);

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
}
