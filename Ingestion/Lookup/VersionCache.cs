using System.Collections.Frozen;
using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Ingestion.Storage;
using CodeUpdates.Ingestion.Versions;

namespace CodeUpdates.Ingestion.Lookup;

/// <summary>
/// Every code's versions in process memory, so a lookup never costs a storage round trip.
/// Published releases never change, so the copy is only stale after a new publish. Each
/// instance learns of one by reading the head rows of the releases table (one small query)
/// at most every <see cref="CheckInterval"/>; when a head's ETag moved, that system is reloaded
/// in the background while lookups keep answering from the previous copy. The instance that
/// publishes calls <see cref="Invalidate"/> so its next lookup checks at once.
/// </summary>
public sealed class VersionCache(ReleaseStore releases, VersionStore versions, TimeProvider time) : IVersionSource
{
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim refreshing = new(1, 1);
    private volatile Snapshot current = Snapshot.Empty;
    private long lastCheckTicks;

    /// <summary>The versions of every code, refreshed when a release was published since the last check.</summary>
    public async ValueTask<IVersionIndex> GetAsync(CancellationToken cancellationToken)
    {
        var snapshot = current;
        if (!snapshot.Loaded)
        {
            await RefreshAsync(cancellationToken);
            return current.Index;
        }

        var now = time.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref lastCheckTicks);
        if (now - last > CheckInterval.Ticks && Interlocked.CompareExchange(ref lastCheckTicks, now, last) == last)
        {
            // Answer from the copy in hand; the check and any reload happen beside the request.
            _ = Task.Run(() => RefreshAsync(CancellationToken.None), CancellationToken.None);
        }

        return snapshot.Index;
    }

    /// <summary>A release was just published here: the next lookup starts the check at once instead of after the interval.</summary>
    public void Invalidate() => Interlocked.Exchange(ref lastCheckTicks, 0);

    /// <summary>Reads the head rows now and reloads the systems whose releases changed.</summary>
    public Task CheckForNewReleasesAsync(CancellationToken cancellationToken) => RefreshAsync(cancellationToken);

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await refreshing.WaitAsync(cancellationToken);
        try
        {
            var heads = await releases.HeadsAsync(cancellationToken);
            Interlocked.Exchange(ref lastCheckTicks, time.GetUtcNow().UtcTicks);
            var snapshot = current;
            if (snapshot.Loaded && SameHeads(snapshot.Heads, heads))
            {
                return;
            }

            var bySystem = new Dictionary<CodeSystem, SystemVersions>();
            foreach (var system in Enum.GetValues<CodeSystem>())
            {
                bySystem[system] = snapshot.Loaded && snapshot.Heads.TryGetValue(system, out var etag) && heads.TryGetValue(system, out var now) && etag == now
                    ? snapshot.Index.System(system)
                    : new SystemVersions(heads.GetValueOrDefault(system) ?? "empty", (await versions.ReadAllAsync(system, cancellationToken)).Values);
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
