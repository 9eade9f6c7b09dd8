using CodeUpdates.Ingestion;
using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Ingestion.Storage;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CodeUpdates.Tests.Support;

/// <summary>
/// The product's service registration against a test's Azurite, with <see cref="StorageFaults"/>
/// on every storage client, and helpers to drop files and read back the whole stored state.
/// </summary>
public sealed class IngestionHost : IAsyncDisposable
{
    private IngestionHost(ServiceProvider services, StorageFaults faults)
    {
        Services = services;
        Faults = faults;
    }

    public ServiceProvider Services { get; }

    public StorageFaults Faults { get; }

    public BlobServiceClient Blobs => Services.GetRequiredService<BlobServiceClient>();

    public TableServiceClient Tables => Services.GetRequiredService<TableServiceClient>();

    public QueueServiceClient Queues => Services.GetRequiredService<QueueServiceClient>();

    public IngestReleaseHandler Ingest => Services.GetRequiredService<IngestReleaseHandler>();

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>A host on empty storage: every container, table and queue the product uses is deleted and created again.</summary>
    public static async Task<IngestionHost> StartAsync(AzuriteFixture azurite, Action<IServiceCollection>? configure = null)
    {
        var host = Create(azurite, configure);
        await host.ResetStorageAsync();
        return host;
    }

    private static IngestionHost Create(AzuriteFixture azurite, Action<IServiceCollection>? configure)
    {
        var faults = new StorageFaults(azurite.TablePort);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [ServiceRegistration.StorageSetting] = azurite.ConnectionString })
            .Build();
        var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<IConfiguration>(configuration)
            .AddCodeUpdates(configuration);
        services.AddAzureClients(clients => clients.ConfigureDefaults(options => options.AddPolicy(faults, HttpPipelinePosition.PerCall)));
        configure?.Invoke(services);
        return new IngestionHost(services.BuildServiceProvider(), faults);
    }

    /// <summary>A host on the storage as it is (nothing deleted), to read what another process left.</summary>
    public static Task<IngestionHost> AttachAsync(AzuriteFixture azurite) => Task.FromResult(Create(azurite, null));

    public async Task ResetStorageAsync()
    {
        foreach (var container in StorageNames.Containers)
        {
            await Blobs.GetBlobContainerClient(container).DeleteIfExistsAsync();
        }

        foreach (var table in StorageNames.Tables)
        {
            await Tables.DeleteTableAsync(table);
        }

        foreach (var queue in StorageNames.Queues)
        {
            await Queues.GetQueueClient(queue).DeleteIfExistsAsync();
        }

        await Get<StorageInitializer>().EnsureCreatedAsync(CancellationToken.None);
        Faults.Reset();
    }

    /// <summary>Uploads a file into releases/ as an admin would, then runs the ingestion the trigger would run.</summary>
    public async Task<IngestReleaseResult> DropAsync(string blobName, byte[] content, IDictionary<string, string>? metadata = null)
    {
        await UploadAsync(blobName, content, metadata);
        return await Ingest.HandleAsync(new IngestReleaseCommand(blobName), CancellationToken.None);
    }

    public Task UploadAsync(string blobName, byte[] content, IDictionary<string, string>? metadata = null) =>
        Blobs.GetBlobContainerClient(StorageNames.ReleasesContainer).GetBlobClient(blobName)
            .UploadAsync(new BinaryData(content), new BlobUploadOptions { Metadata = metadata }, CancellationToken.None);

    /// <summary>
    /// Everything derived that a user can observe, as sorted text: version rows (keys and content
    /// hash), release records (without timestamps), snapshot blobs. Two runs that end in the same
    /// state give the same dump.
    /// </summary>
    public async Task<IReadOnlyList<string>> DumpStateAsync()
    {
        var lines = new List<string>();
        await foreach (var row in Tables.GetTableClient(StorageNames.VersionsTable).QueryAsync<TableEntity>())
        {
            lines.Add($"version {row.PartitionKey} {row.RowKey} {row.GetString("Hash")}");
        }

        await foreach (var row in Tables.GetTableClient(StorageNames.ReleasesTable).QueryAsync<TableEntity>(r => r.PartitionKey != ReleaseStore.HeadPartition))
        {
            lines.Add($"release {row.PartitionKey} {row.RowKey} {row.GetString("Status")} {row.GetString("Sha256")} {row.GetInt32("Codes")} " +
                $"{row.GetString("Prior")} {row.GetInt32("Added")} {row.GetInt32("Deleted")} {row.GetInt32("Revised")} {row.GetInt32("Reactivated")} " +
                $"{row.GetInt32("Administrative")} {row.GetInt32("Purged")} {row.GetString("Reason")}");
        }

        await foreach (var blob in Blobs.GetBlobContainerClient(StorageNames.SnapshotsContainer).GetBlobsAsync(BlobTraits.None, BlobStates.None, null, CancellationToken.None))
        {
            if (!blob.Name.StartsWith("locks/", StringComparison.Ordinal))
            {
                lines.Add($"snapshot {blob.Name} {blob.Properties.ContentLength}");
            }
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    /// <summary>
    /// A line of <see cref="DumpStateAsync"/> naming a copy kept under a replaced release's hash (its snapshot or changes,
    /// kept when a later file for its date replaced it after it was published): what differs from a run that never published it.
    /// </summary>
    public static bool IsKeptCopy(string line) =>
        System.Text.RegularExpressions.Regex.IsMatch(line, @"^snapshot [a-z]+/\d{4}-\d{2}-\d{2}\.[0-9a-f]{64}\.", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    public async ValueTask DisposeAsync() => await Services.DisposeAsync();
}
