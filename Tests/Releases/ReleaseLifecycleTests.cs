using CodeUpdates.Ingestion.Diff;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Ingestion.Reports;
using CodeUpdates.Ingestion.Storage;
using CodeUpdates.Tests.Support;
using Azure;
using Microsoft.Extensions.Logging.Abstractions;

namespace CodeUpdates.Tests.Releases;

/// <summary>A release is a prior only once published, and a storage error no retry can fix ends the release as rejected.</summary>
[Trait(TestScope.Trait, TestScope.Integration)]
public sealed class ReleaseLifecycleTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string File2017 = "hcpcs/2017-01-01/excerpt.txt";
    private const string File2018 = "hcpcs/2018-01-01/excerpt.txt";
    private const string File2019 = "hcpcs/2019-01-01/excerpt.txt";

    [Fact]
    public async Task A_published_release_s_changes_are_stored_once_and_read_without_reading_a_snapshot()
    {
        await using var host = await IngestionHost.StartAsync(azurite);
        await host.DropAsync(File2018, CmsFiles.Excerpt(CmsFiles.Txt2018, 150));
        await host.DropAsync(File2019, CmsFiles.Excerpt(CmsFiles.Txt2019, 150));
        var expected = ReleaseDiff.Compare(
            await host.Get<SnapshotStore>().LoadAsync(CodeSystem.Hcpcs, new DateOnly(2018, 1, 1), CancellationToken.None),
            (await host.Get<SnapshotStore>().LoadAsync(CodeSystem.Hcpcs, new DateOnly(2019, 1, 1), CancellationToken.None))!);

        host.Faults.Reset();
        var changes = await host.Get<IReleaseChangesSource>().GetPublishedChangesAsync(CodeSystem.Hcpcs, new DateOnly(2019, 1, 1), CancellationToken.None);

        Assert.Equal(ChangeReportDocument.From(expected).ToJson(), ChangeReportDocument.From(changes!.Diff).ToJson());
        Assert.Contains(host.Faults.Reads, r => r.EndsWith("/snapshots/hcpcs/2019-01-01.changes.json.gz", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Faults.Reads, r => r.EndsWith("-01-01.json.gz", StringComparison.Ordinal));
        Assert.Equal(0, host.Faults.Writes);
    }

    [Fact]
    public async Task A_release_published_before_changes_were_stored_has_them_computed_and_stored_once()
    {
        await using var host = await IngestionHost.StartAsync(azurite);
        await host.DropAsync(File2018, CmsFiles.Excerpt(CmsFiles.Txt2018, 150));
        await host.DropAsync(File2019, CmsFiles.Excerpt(CmsFiles.Txt2019, 150));
        var source = host.Get<IReleaseChangesSource>();
        var stored = await source.GetPublishedChangesAsync(CodeSystem.Hcpcs, new DateOnly(2019, 1, 1), CancellationToken.None);

        // As an older deployment left it: snapshots, no changes document.
        var container = host.Blobs.GetBlobContainerClient(StorageNames.SnapshotsContainer);
        await container.DeleteBlobAsync(SnapshotStore.ChangesBlobName(CodeSystem.Hcpcs, new DateOnly(2019, 1, 1)));
        host.Faults.Reset();
        var computed = await source.GetPublishedChangesAsync(CodeSystem.Hcpcs, new DateOnly(2019, 1, 1), CancellationToken.None);

        Assert.Equal(ChangeReportDocument.From(stored!.Diff).ToJson(), ChangeReportDocument.From(computed!.Diff).ToJson());
        Assert.Contains(host.Faults.Reads, r => r.EndsWith("/snapshots/hcpcs/2019-01-01.json.gz", StringComparison.Ordinal));
        Assert.Equal(1, host.Faults.Writes);

        host.Faults.Reset();
        var again = await source.GetPublishedChangesAsync(CodeSystem.Hcpcs, new DateOnly(2019, 1, 1), CancellationToken.None);
        Assert.Equal(ChangeReportDocument.From(stored.Diff).ToJson(), ChangeReportDocument.From(again!.Diff).ToJson());
        Assert.DoesNotContain(host.Faults.Reads, r => r.EndsWith("-01-01.json.gz", StringComparison.Ordinal));
        Assert.Equal(0, host.Faults.Writes);
    }

    [Fact]
    public async Task A_release_left_processing_is_never_the_prior_of_the_next_one()
    {
        await using var host = await IngestionHost.StartAsync(azurite);
        await host.DropAsync(File2017, CmsFiles.Excerpt(CmsFiles.Txt2017, 150));
        await host.DropAsync(File2019, CmsFiles.Excerpt(CmsFiles.Txt2019, 150));
        var without2018 = await host.DumpStateAsync();
        var changesWithout2018 = await host.Get<IReleaseChangesSource>().GetPublishedChangesAsync(CodeSystem.Hcpcs, new DateOnly(2019, 1, 1), CancellationToken.None);

        await host.ResetStorageAsync();
        await host.DropAsync(File2017, CmsFiles.Excerpt(CmsFiles.Txt2017, 150));

        // 2018 dies after its snapshot and processing record: its first version batch fails.
        await host.UploadAsync(File2018, CmsFiles.Excerpt(CmsFiles.Txt2018, 150));
        host.Faults.Reset(failAtWrite: 5);
        await Assert.ThrowsAsync<IOException>(() => host.Ingest.HandleAsync(new IngestReleaseCommand(File2018), CancellationToken.None));
        host.Faults.Reset();
        Assert.Equal(ReleaseStatus.Processing, (await host.Get<ReleaseStore>().GetAsync(CodeSystem.Hcpcs, new DateOnly(2018, 1, 1), CancellationToken.None))!.Status);

        var result = await host.DropAsync(File2019, CmsFiles.Excerpt(CmsFiles.Txt2019, 150));

        Assert.Equal(IngestOutcome.Published, result.Outcome);
        Assert.Equal(new DateOnly(2017, 1, 1), result.Release!.Prior);
        Assert.Equal(
            without2018.Where(l => !l.Contains("2018", StringComparison.Ordinal)),
            (await host.DumpStateAsync()).Where(l => !l.Contains("2018", StringComparison.Ordinal)));
        var changes = await host.Get<IReleaseChangesSource>().GetPublishedChangesAsync(CodeSystem.Hcpcs, new DateOnly(2019, 1, 1), CancellationToken.None);
        Assert.Equal(changesWithout2018!.Diff.Summary, changes!.Diff.Summary);

        // Once 2018 is resumed and published it is 2019's prior.
        Assert.Equal(new ReleaseSweepResult(0, 1, 0), await Sweep(host).RunAsync(CancellationToken.None));
        Assert.Equal(new DateOnly(2018, 1, 1), (await host.Get<ReleaseStore>().GetAsync(CodeSystem.Hcpcs, new DateOnly(2019, 1, 1), CancellationToken.None))!.Prior);
    }

    [Fact]
    public async Task A_storage_error_no_retry_can_fix_rejects_the_release_naming_the_error_and_leaves_the_published_state()
    {
        await using var host = await IngestionHost.StartAsync(azurite);
        await host.DropAsync(File2018, CmsFiles.Excerpt(CmsFiles.Txt2018, 150));
        var before = await host.DumpStateAsync();

        // Table storage refuses the first version batch as it refuses a 40,000-character property.
        await host.UploadAsync(File2019, CmsFiles.Excerpt(CmsFiles.Txt2019, 150));
        host.Faults.Reset(failAtWrite: 5, failWith: () => new RequestFailedException(
            400, "The property value exceeds the maximum allowed size (64KB).", "PropertyValueTooLarge", null));
        var result = await host.Ingest.HandleAsync(new IngestReleaseCommand(File2019), CancellationToken.None);
        host.Faults.Reset();

        Assert.Equal(IngestOutcome.Rejected, result.Outcome);
        Assert.Equal((ReleaseStatus.Rejected, File2019), (result.Release!.Status, result.Release.Source));
        Assert.Contains("PropertyValueTooLarge", result.Release.Reason, StringComparison.Ordinal);
        Assert.Null(await host.Get<ReleaseStore>().GetAsync(CodeSystem.Hcpcs, new DateOnly(2019, 1, 1), CancellationToken.None));
        Assert.Equal(before, (await host.DumpStateAsync()).Where(l => !l.Contains(" rejected ", StringComparison.Ordinal)));
        Assert.True(await host.Blobs.GetBlobContainerClient(StorageNames.QuarantineContainer).GetBlobClient(File2019).ExistsAsync());

        // Nothing is left for the sweep to retry.
        Assert.Equal(new ReleaseSweepResult(0, 0, 0), await Sweep(host).RunAsync(CancellationToken.None));
    }

    private static ReleaseSweep Sweep(IngestionHost host) =>
        new(host.Get<DroppedFiles>(), host.Get<ReleaseStore>(), host.Get<SystemLock>(), host.Get<IIngestRelease>(), TimeProvider.System, NullLogger<ReleaseSweep>.Instance)
        {
            TriggerGrace = TimeSpan.Zero,
        };
}
