using CodeUpdates.Ingestion.Storage;
using CodeUpdates.Functions;
using Microsoft.Azure.WebJobs;

namespace CodeUpdates.Cli.Serve;

/// <summary>
/// The WebJobs SDK's triggers for the same function classes the Functions app runs: locally the
/// SDK scans the releases container (Azure uses Event Grid) and polls the report queue.
/// </summary>
public sealed class LocalTriggers(IngestRelease ingest, SendChangeReport report)
{
    [FunctionName(nameof(IngestRelease))]
    public Task IngestReleaseAsync(
        [BlobTrigger(StorageNames.ReleasesContainer + "/{name}")] Stream content,
        string name,
        CancellationToken cancellationToken) =>
        ingest.RunAsync(name, cancellationToken);

    [FunctionName(nameof(SendChangeReport))]
    public Task SendChangeReportAsync(
        [QueueTrigger(StorageNames.ChangeReportsQueue)] string message,
        CancellationToken cancellationToken) =>
        report.Run(message, cancellationToken);
}
