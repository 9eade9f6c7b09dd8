using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Ingestion.Storage;
using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;

namespace CodeUpdates.Functions;

/// <summary>A file dropped into <c>releases/</c>: ingest it. Invalid files are rejected inside and return normally; storage faults throw so the trigger retries.</summary>
public sealed class IngestRelease(IIngestRelease ingest)
{
    [Function(nameof(IngestRelease))]
    public Task Run(
        [BlobTrigger(StorageNames.ReleasesContainer + "/{name}", Source = BlobTriggerSource.EventGrid, Connection = "AzureWebJobsStorage")] BlobClient blob,
        string name,
        CancellationToken cancellationToken) =>
        RunAsync(name, cancellationToken);

    /// <summary>The trigger's work, shared by every host. The trigger binds a client, not the bytes: the handler reads content and metadata itself, once.</summary>
    public Task RunAsync(string name, CancellationToken cancellationToken) =>
        ingest.HandleAsync(new IngestReleaseCommand(name), cancellationToken);
}
