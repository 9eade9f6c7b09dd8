using CodeUpdates.Ingestion.ReleaseFiles;

namespace CodeUpdates.Ingestion.Releases;

/// <summary>
/// The versions side of publishing a release: the version rows recomputed, the system's head row moved (other
/// instances' caches reload) and this instance's listeners told (its cache takes in the recomputed codes).
/// </summary>
public sealed class VersionPublication(VersionRecompute recompute, ReleaseStore releases, IEnumerable<IReleasePublishedListener> listeners)
{
    /// <summary>Writes the version rows <paramref name="snapshot"/> changes, given the system's <paramref name="published"/> releases.</summary>
    public Task<RecomputedVersions> ApplyAsync(
        ReleaseSnapshot snapshot, IReadOnlyList<ReleaseRecord> published, DateTimeOffset knowledgeStamp, CancellationToken cancellationToken) =>
        recompute.ApplyAsync(snapshot, published, knowledgeStamp, cancellationToken);

    /// <summary>Makes the system's version rows and statements those of <paramref name="published"/> again.</summary>
    public Task RestoreAsync(CodeSystem system, IReadOnlyList<ReleaseRecord> published, DateTimeOffset knowledgeStamp, CancellationToken cancellationToken) =>
        recompute.RestoreAsync(system, published, knowledgeStamp, cancellationToken);

    /// <summary>Moves the system's head: every instance's cache reloads it.</summary>
    public Task ReloadAsync(CodeSystem system, CancellationToken cancellationToken) => releases.TouchHeadAsync(system, cancellationToken);

    /// <summary>Moves the head, then waits for every listener in process, so lookups answer the release before its record says published.</summary>
    public async Task AnnounceAsync(CodeSystem system, DateOnly effective, RecomputedVersions versions, CancellationToken cancellationToken)
    {
        var previousHead = (await releases.HeadsAsync(cancellationToken)).GetValueOrDefault(system);
        await releases.TouchHeadAsync(system, cancellationToken);
        foreach (var listener in listeners)
        {
            await listener.OnReleasePublishedAsync(new ReleasePublished(system, effective, previousHead, versions), cancellationToken);
        }
    }
}
