using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Ingestion.Storage;
using CodeUpdates.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace CodeUpdates.Tests.Releases;

/// <summary>Every drop ends with a record of its own.</summary>
[Trait(TestScope.Trait, TestScope.Integration)]
public sealed class DropRecordTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Identical_bad_files_dropped_under_different_names_each_keep_their_own_rejected_record()
    {
        await using var host = await IngestionHost.StartAsync(azurite);
        string[] names = ["hcpcs/2025-01-01/empty.txt", "hcpcs/2025-04-01/empty.txt", "cpt/2025/LONGULT.txt"];
        foreach (var name in names)
        {
            Assert.Equal(IngestOutcome.Rejected, (await host.DropAsync(name, [])).Outcome);
        }

        // The first name dropped again with the same bytes is the same drop: still one record for it.
        await host.DropAsync(names[0], []);

        var rejected = (await host.Get<ReleaseStore>().ListAsync(null, CancellationToken.None)).Where(r => r.Status == ReleaseStatus.Rejected).ToArray();
        Assert.Equal(names.Order(StringComparer.Ordinal), rejected.Select(r => r.Source).Order(StringComparer.Ordinal));
        Assert.All(rejected, r => Assert.Contains("empty", r.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_sweep_ingests_every_file_no_trigger_picked_up_and_a_second_sweep_writes_nothing()
    {
        await using var host = await IngestionHost.StartAsync(azurite);
        await host.UploadAsync("hcpcs/2018-01-01/excerpt.txt", CmsFiles.Excerpt(CmsFiles.Txt2018, 40));
        await host.UploadAsync("hcpcs/2019-01-01/excerpt.txt", CmsFiles.Excerpt(CmsFiles.Txt2019, 40));
        await host.UploadAsync("hcpcs/2019-04-01/truncated.zip", "PK\u0003\u0004 truncated"u8.ToArray());

        var first = await Sweep(host).RunAsync(CancellationToken.None);

        Assert.Equal(new ReleaseSweepResult(3, 0, 0), first);
        var records = await host.Get<ReleaseStore>().ListAsync(null, CancellationToken.None);
        Assert.Equal(
            ["hcpcs/2018-01-01/excerpt.txt published", "hcpcs/2019-01-01/excerpt.txt published", "hcpcs/2019-04-01/truncated.zip rejected"],
            records.Select(r => $"{r.Source} {r.Status.Name()}").Order(StringComparer.Ordinal));

        // The table keeps each status as the word it always was.
        var stored = new List<string>();
        await foreach (var row in host.Tables.GetTableClient(StorageNames.ReleasesTable).QueryAsync<Azure.Data.Tables.TableEntity>(r => r.PartitionKey != ReleaseStore.HeadPartition))
        {
            stored.Add(row.GetString("Status"));
        }

        Assert.Equal(["published", "published", "rejected"], stored.Order(StringComparer.Ordinal));

        host.Faults.Reset();
        Assert.Equal(new ReleaseSweepResult(0, 0, 0), await Sweep(host).RunAsync(CancellationToken.None));
        Assert.Equal(0, host.Faults.Writes);
    }

    [Fact]
    public async Task The_sweep_resumes_a_release_left_processing_and_ends_as_a_clean_run()
    {
        await using var host = await IngestionHost.StartAsync(azurite);
        await host.DropAsync("hcpcs/2018-01-01/excerpt.txt", CmsFiles.Excerpt(CmsFiles.Txt2018, 200));
        await host.DropAsync("hcpcs/2019-01-01/excerpt.txt", CmsFiles.Excerpt(CmsFiles.Txt2019, 200));
        var clean = await host.DumpStateAsync();

        await host.ResetStorageAsync();
        await host.DropAsync("hcpcs/2018-01-01/excerpt.txt", CmsFiles.Excerpt(CmsFiles.Txt2018, 200));
        await host.UploadAsync("hcpcs/2019-01-01/excerpt.txt", CmsFiles.Excerpt(CmsFiles.Txt2019, 200));

        // The run dies after its processing record (lock blob, lease, snapshot, record; then the first version batch fails).
        host.Faults.Reset(failAtWrite: 5);
        await Assert.ThrowsAsync<IOException>(() => host.Ingest.HandleAsync(new IngestReleaseCommand("hcpcs/2019-01-01/excerpt.txt"), CancellationToken.None));
        host.Faults.Reset();
        Assert.Equal(ReleaseStatus.Processing, (await host.Get<ReleaseStore>().GetAsync(CodeSystem.Hcpcs, new DateOnly(2019, 1, 1), CancellationToken.None))!.Status);

        Assert.Equal(new ReleaseSweepResult(0, 1, 0), await Sweep(host).RunAsync(CancellationToken.None));

        Assert.Equal(clean, await host.DumpStateAsync());
    }

    [Fact]
    public async Task The_sweep_leaves_a_corrected_release_alone_though_the_file_it_replaced_is_still_there()
    {
        await using var host = await IngestionHost.StartAsync(azurite);
        await host.DropAsync("hcpcs/HCPC2018_CONTR_ANWEB_disc.txt", CmsFiles.Read(CmsFiles.Txt2018));
        await host.DropAsync("hcpcs/HCPC2019_CONTR_ANWEB.txt", CmsFiles.Read(CmsFiles.Txt2019));
        await host.DropAsync("hcpcs/HCPC2019_CONTR_ANWEB.xlsx", CmsFiles.Read(CmsFiles.Xlsx2019));
        var corrected = await host.DumpStateAsync();

        Assert.Equal(new ReleaseSweepResult(0, 0, 0), await Sweep(host).RunAsync(CancellationToken.None));

        Assert.Equal(corrected, await host.DumpStateAsync());
    }

    private static ReleaseSweep Sweep(IngestionHost host) =>
        new(host.Get<DroppedFiles>(), host.Get<ReleaseStore>(), host.Get<SystemLock>(), host.Get<IIngestRelease>(), TimeProvider.System, NullLogger<ReleaseSweep>.Instance)
        {
            TriggerGrace = TimeSpan.Zero,
        };
}
