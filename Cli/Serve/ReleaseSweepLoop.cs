using CodeUpdates.Ingestion.Releases;

namespace CodeUpdates.Cli.Serve;

/// <summary>
/// <c>serve</c>'s reconciliation loop (Azure runs <c>ReconcileReleases</c> on a timer instead): a
/// sweep at start, which finishes what a killed run left, then one every
/// <see cref="IntervalSetting"/> (30 s by default). A failed sweep (storage away) is logged and
/// the loop goes on, so triggers and records catch up once storage is back.
/// </summary>
public sealed class ReleaseSweepLoop(ReleaseSweep sweep, IConfiguration configuration, ILogger<ReleaseSweepLoop> logger) : BackgroundService
{
    public const string IntervalSetting = "ReleaseSweep:Interval";

    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(configuration.GetValue(IntervalSetting, DefaultInterval));
        do
        {
            try
            {
                await sweep.RunAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Release sweep failed; next try in {Interval}", timer.Period);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
