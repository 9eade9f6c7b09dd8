using CodeUpdates.Ingestion.ReleaseFiles;

namespace CodeUpdates.Ingestion.Releases;

/// <summary>
/// A published release and the release its changes are counted against, named by their files' hashes, as the
/// release records say: enough to tag its changes without reading a snapshot.
/// </summary>
/// <param name="PriorSha256">Null for the system's first release (an initial load).</param>
public sealed record PublishedRelease(CodeSystem System, DateOnly Effective, string Sha256, string? PriorSha256)
{
    /// <summary>The prior's effective date, where its file is kept; set for a release named as known at a past instant.</summary>
    public DateOnly? PriorEffective { get; init; }
}
