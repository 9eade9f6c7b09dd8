using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CodeUpdates.Ingestion.Lookup;

/// <summary>
/// Checks every <see cref="VersionCache.CheckInterval"/> whether another instance published a release,
/// beside the requests (which always answer from the copy in hand). A failed check is logged and
/// tried again at the next tick; lookups meanwhile answer from the versions already loaded.
/// </summary>
public sealed class VersionCacheRefresher(VersionCache cache, TimeProvider time, ILogger<VersionCacheRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(VersionCache.CheckInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await cache.CheckForNewReleasesAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Checking for newly published releases failed; lookups answer from the versions in hand until the next check");
            }
        }
    }
}
