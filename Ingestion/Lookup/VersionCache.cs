using System.Collections.Frozen;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Ingestion.Versions;
using Microsoft.Extensions.Logging;

namespace CodeUpdates.Ingestion.Lookup;

/// <summary>
/// Every code's versions in process memory, so a lookup never costs a storage round trip.
/// Published releases never change, so the copy is only stale after a new publish:
/// <list type="bullet">
/// <item>the instance that publishes applies the codes the release recomputed before the release's
/// record says published (<see cref="IReleasePublishedListener"/>), so <c>GET /api/releases</c> saying
/// published means this instance answers the release; it reads nothing from storage for that, so the
/// cost of a publish does not grow with the number of versions held;</item>
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

    /// <summary>Takes in the published release now, before its record says published.</summary>
    public Task OnReleasePublishedAsync(ReleasePublished release, CancellationToken cancellationToken) =>
        RefreshAsync(onlyIfLoaded: true, cancellationToken, release);

    /// <summary>Reads the head rows and reloads the systems whose releases changed since the last check (once loaded).</summary>
    internal Task CheckForNewReleasesAsync(CancellationToken cancellationToken) => RefreshAsync(onlyIfLoaded: true, cancellationToken);

    /// <param name="published">A release this instance just published: its system is brought up to date from what the ingest recomputed, not read again, when the copy held is the one its versions apply to.</param>
    private async Task RefreshAsync(bool onlyIfLoaded, CancellationToken cancellationToken, ReleasePublished? published = null)
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

                if (published is { } release && release.System == system && Applies(snapshot, release))
                {
                    bySystem[system] = release.Versions.WholeSystem
                        ? new SystemVersions(head ?? "empty", release.Versions.ByCode.Values.Where(v => v.Count > 0))
                        : snapshot.Index.System(system).With(head ?? "empty", release.Versions.ByCode);
                    logger.LogInformation(
                        "Took in {System} {Effective}: {Changed} codes recomputed, {Codes} codes held",
                        system.Name(), IsoDate.Format(release.Effective), release.Versions.ByCode.Count, bySystem[system].Ordered.Count);
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

    /// <summary>
    /// Whether the release's recomputed versions bring the held copy of its system up to date: always when
    /// they are the whole system, otherwise only when the copy was taken at the head the release moved on
    /// from (a copy older than that lacks another release's changes, and is read again instead).
    /// </summary>
    private static bool Applies(Snapshot snapshot, ReleasePublished release) =>
        release.Versions.WholeSystem
        || (snapshot.Loaded && snapshot.Heads.GetValueOrDefault(release.System) == release.PreviousHead);

    private static bool SameHeads(IReadOnlyDictionary<CodeSystem, string> a, IReadOnlyDictionary<CodeSystem, string> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var other) && other == kv.Value);

    private sealed record Snapshot(bool Loaded, FrozenDictionary<CodeSystem, string> Heads, VersionIndex Index)
    {
        public static readonly Snapshot Empty = new(false, FrozenDictionary<CodeSystem, string>.Empty, VersionIndex.Empty);
    }
}
