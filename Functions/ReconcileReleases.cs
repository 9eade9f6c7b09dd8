using CodeUpdates.Ingestion.Releases;
using Microsoft.Azure.Functions.Worker;

namespace CodeUpdates.Functions;

/// <summary>Every 5 minutes: ingest any dropped file Event Grid failed to deliver, and resume releases left processing.</summary>
public sealed class ReconcileReleases(ReleaseSweep sweep)
{
    public const string Schedule = "0 */5 * * * *";

    [Function(nameof(ReconcileReleases))]
    public Task Run([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken) =>
        sweep.RunAsync(cancellationToken);
}
