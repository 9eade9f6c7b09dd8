using System.Collections.Frozen;
using CodeUpdates.Ingestion.Ingest;
using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Ingestion.Storage;
using CodeUpdates.Ingestion.Versions;
using Microsoft.Extensions.Logging;

namespace CodeUpdates.Ingestion.Lookup;

/// <summary>
/// Every code's versions in process memory, so a lookup never costs a storage round trip.
/// Published releases never change, so the copy is only stale after a new publish:
/// <list type="bullet">
/// <item>the instance that publishes reloads before the release's record says published
/// (<see cref="IReleasePublishedListener"/>), so <c>GET /api/releases</c> saying published means this
/// instance answers the release;</item>
/// <item>every other instance learns of it from the head rows of the releases table (one small query),
/// read by <see cref="VersionCacheRefresher"/> every <see cref="CheckInterval"/>: it answers the release
/// at most that long after it was published, from the previous copy until then.</item>
/// </list>
/// Checks and reloads are serialised, so a publish never races a periodic check into a stale copy.
/// Loading is lazy: an instance that never answers a lookup never reads the versions.
/// </summary>
public sealed class VersionCache(ReleaseStore releases, VersionStore versions, ILogger<VersionCache> logger) : IVersionSource, IReleasePublishedListener
{
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim refreshing = new(1, 1);
    private volatile Snapshot current = Snapshot.Empty;

    /// <summary>The versions of every code as of the last check; the first call loads them.</summary>
    public async ValueTask<IVersionIndex> GetAsync(CancellationToken cancellationToken)
    {
        if (!current.Loaded)
        {
            await RefreshAsync(onlyIfLoaded: false, cancellationToken);
        }

        return current.Index;
    }

    /// <summary>Reloads the published system now, before its record says published.</summary>
    public Task OnReleasePublishedAsync(ReleasePublished release, CancellationToken cancellationToken) =>
        RefreshAsync(onlyIfLoaded: true, cancellationToken);

    /// <summary>Reads the head rows and reloads the systems whose releases changed since the last check (once loaded).</summary>
    internal Task CheckForNewReleasesAsync(CancellationToken cancellationToken) => RefreshAsync(onlyIfLoaded: true, cancellationToken);

    private async Task RefreshAsync(bool onlyIfLoaded, CancellationToken cancellationToken)
    {
        await refreshing.WaitAsync(cancellationToken);
        try
        {
            var snapshot = current;
            if (onlyIfLoaded && !snapshot.Loaded)
            {
                return;
            }

            var heads = await releases.HeadsAsync(cancellationToken);
            if (snapshot.Loaded && SameHeads(snapshot.Heads, heads))
            {
                return;
            }

            var bySystem = new Dictionary<CodeSystem, SystemVersions>();
            foreach (var system in Enum.GetValues<CodeSystem>())
            {
                var head = heads.GetValueOrDefault(system);
                if (snapshot.Loaded && snapshot.Heads.GetValueOrDefault(system) == head)
                {
                    bySystem[system] = snapshot.Index.System(system);
                    continue;
                }

                bySystem[system] = new SystemVersions(head ?? "empty", (await versions.ReadAllAsync(system, cancellationToken)).Values);
                logger.LogInformation("Loaded the {System} versions: {Codes} codes", system.Name(), bySystem[system].Ordered.Count);
            }

            current = new Snapshot(true, heads.ToFrozenDictionary(), new VersionIndex(bySystem));
        }
        finally
        {
            refreshing.Release();
        }
    }

    private static bool SameHeads(IReadOnlyDictionary<CodeSystem, string> a, IReadOnlyDictionary<CodeSystem, string> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var other) && other == kv.Value);

    private sealed record Snapshot(bool Loaded, FrozenDictionary<CodeSystem, string> Heads, VersionIndex Index)
    {
        public static readonly Snapshot Empty = new(false, FrozenDictionary<CodeSystem, string>.Empty, VersionIndex.Empty);
    }
}
