using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace CodeUpdates.Ingestion.Storage;

/// <summary>Creates the containers, tables and queues the product uses, where they are missing (Azurite, or a new account).</summary>
public sealed class StorageInitializer(BlobServiceClient blobs, TableServiceClient tables, QueueServiceClient queues)
{
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        foreach (var container in StorageNames.Containers)
        {
            await blobs.GetBlobContainerClient(container).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }

        foreach (var table in StorageNames.Tables)
        {
            await tables.CreateTableIfNotExistsAsync(table, cancellationToken);
        }

        foreach (var queue in StorageNames.Queues)
        {
            await queues.GetQueueClient(queue).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            try
            {
                await queues.GetQueueClient(queue + "-poison").CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            }
            catch (RequestFailedException)
            {
                // The host creates the poison queue itself when it first needs one.
            }
        }
    }
}
