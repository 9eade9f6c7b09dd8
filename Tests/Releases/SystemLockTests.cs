using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Ingestion.Storage;
using CodeUpdates.Tests.Support;
using Azure;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.DependencyInjection;

namespace CodeUpdates.Tests.Releases;

/// <summary>The per-system ingest lock: a holder that loses its lease stops writing and cannot publish.</summary>
[Trait(TestScope.Trait, TestScope.Integration)]
public sealed class SystemLockTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan FastRenewal = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task Lost_fires_when_another_holder_takes_the_lease()
    {
        await using var host = await IngestionHost.StartAsync(azurite);
        var systemLock = new SystemLock(host.Blobs, TimeProvider.System) { RenewEvery = FastRenewal };
        await using var held = await systemLock.AcquireAsync(CodeSystem.Hcpcs, CancellationToken.None);
        Assert.True(await systemLock.IsHeldAsync(CodeSystem.Hcpcs, CancellationToken.None));

        await StealLeaseAsync(host, CodeSystem.Hcpcs);

        await WaitUntilAsync(() => held.Lost.IsCancellationRequested, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task An_ingest_whose_lease_is_taken_stops_and_does_not_publish_and_its_retry_ends_as_a_clean_run()
    {
        await using var host = await IngestionHost.StartAsync(azurite, services => services.AddSingleton(sp =>
            new SystemLock(sp.GetRequiredService<Azure.Storage.Blobs.BlobServiceClient>(), TimeProvider.System) { RenewEvery = FastRenewal }));
        const string blobName = "hcpcs/HCPC2019_CONTR_ANWEB.txt";
        await host.DropAsync(blobName, CmsFiles.Read(CmsFiles.Txt2019));
        var clean = await host.DumpStateAsync();

        await host.ResetStorageAsync();
        await host.UploadAsync(blobName, CmsFiles.Read(CmsFiles.Txt2019));
        var ingest = Task.Run(() => host.Ingest.HandleAsync(new IngestReleaseCommand(blobName), CancellationToken.None));
        var systemLock = host.Get<SystemLock>();
        await WaitUntilAsync(() => systemLock.IsHeldAsync(CodeSystem.Hcpcs, CancellationToken.None).GetAwaiter().GetResult(), TimeSpan.FromSeconds(30));
        var thief = await StealLeaseAsync(host, CodeSystem.Hcpcs);

        var fault = await Record.ExceptionAsync(() => ingest);

        Assert.True(fault is TimeoutException or RequestFailedException { Status: 412 }, fault?.ToString() ?? "the ingest finished under a lease it no longer held");
        var record = await host.Get<ReleaseStore>().GetAsync(CodeSystem.Hcpcs, new DateOnly(2019, 1, 1), CancellationToken.None);
        Assert.NotEqual(ReleaseStatus.Published, record?.Status);

        await thief.ReleaseAsync();
        var retry = await host.Ingest.HandleAsync(new IngestReleaseCommand(blobName), CancellationToken.None);
        Assert.Equal(IngestOutcome.Published, retry.Outcome);
        Assert.Equal(clean, await host.DumpStateAsync());
    }

    [Fact]
    public async Task The_published_write_fails_for_a_writer_whose_processing_row_was_rewritten_by_another()
    {
        await using var host = await IngestionHost.StartAsync(azurite);
        var store = host.Get<ReleaseStore>();
        var processing = ReleaseRecord.Processing("hcpcs", new DateOnly(2019, 1, 1), "a.txt", "aa", 1, DateTimeOffset.UtcNow);
        var mine = await store.UpsertAsync(processing, CancellationToken.None);
        await store.UpsertAsync(processing with { Source = "b.txt", Sha256 = "bb" }, CancellationToken.None);

        var refused = await Assert.ThrowsAsync<RequestFailedException>(() =>
            store.PublishAsync(processing with { Status = ReleaseStatus.Published }, mine, CancellationToken.None));

        Assert.Equal(412, refused.Status);
        Assert.Equal("b.txt", (await store.GetAsync(CodeSystem.Hcpcs, new DateOnly(2019, 1, 1), CancellationToken.None))!.Source);
    }

    /// <summary>Another holder breaks the lease and takes it, as an instance that believed the first one dead would.</summary>
    private static async Task<BlobLeaseClient> StealLeaseAsync(IngestionHost host, CodeSystem system)
    {
        var blob = host.Blobs.GetBlobContainerClient(StorageNames.SnapshotsContainer).GetBlobClient($"locks/{system.Name()}");
        var thief = blob.GetBlobLeaseClient();
        await thief.BreakAsync(TimeSpan.Zero);
        await thief.AcquireAsync(SystemLock.LeaseDuration);
        return thief;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(20);
        }
    }
}
