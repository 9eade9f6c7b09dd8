using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Ingestion.Storage;
using CodeUpdates.Tests.Support;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;

namespace CodeUpdates.Tests.Releases;

/// <summary>Of two files for one date, the one uploaded last wins whatever order they are ingested in; the other is recorded as superseded.</summary>
[Trait(TestScope.Trait, TestScope.Integration)]
public sealed class CorrectionOrderTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Older = "hcpcs/2019-01-01/first.txt";
    private const string Newer = "hcpcs/2019-01-01/corrected.txt";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_file_uploaded_last_is_published_and_the_other_superseded_whichever_trigger_runs_first(bool newerRunsFirst)
    {
        await using var host = await IngestionHost.StartAsync(azurite);
        var clean = await CleanStateAsync(host);

        await UploadBothAsync(host);
        foreach (var name in newerRunsFirst ? new[] { Newer, Older } : [Older, Newer])
        {
            await host.Ingest.HandleAsync(new IngestReleaseCommand(name), CancellationToken.None);
        }

        await AssertNewerWonAsync(host, clean);
    }

    [Fact]
    public async Task The_sweep_publishes_the_file_uploaded_last_and_records_the_other_as_superseded()
    {
        await using var host = await IngestionHost.StartAsync(azurite);
        var clean = await CleanStateAsync(host);

        await UploadBothAsync(host);
        await Sweep(host).RunAsync(CancellationToken.None);

        await AssertNewerWonAsync(host, clean);
        host.Faults.Reset();
        Assert.Equal(new ReleaseSweepResult(0, 0, 0), await Sweep(host).RunAsync(CancellationToken.None));
        Assert.Equal(0, host.Faults.Writes);
    }

    /// <summary>The 2019 file and a copy differing in one descriptor.</summary>
    private static (byte[] First, byte[] Corrected) Files()
    {
        var first = CmsFiles.Excerpt(CmsFiles.Txt2019, 60);
        var corrected = (byte[])first.Clone();

        // Column 12 starts the long descriptor of the first record.
        corrected[20] = corrected[20] == (byte)'Q' ? (byte)'Z' : (byte)'Q';
        Assert.NotEqual(Encoding.Latin1.GetString(first), Encoding.Latin1.GetString(corrected));
        return (first, corrected);
    }

    /// <summary>The state when only the 2018 excerpt and the corrected file were ever dropped.</summary>
    private static async Task<IReadOnlyList<string>> CleanStateAsync(IngestionHost host)
    {
        await host.DropAsync("hcpcs/2018-01-01/excerpt.txt", CmsFiles.Excerpt(CmsFiles.Txt2018, 60));
        await host.DropAsync(Newer, Files().Corrected);
        var clean = await host.DumpStateAsync();
        await host.ResetStorageAsync();
        await host.DropAsync("hcpcs/2018-01-01/excerpt.txt", CmsFiles.Excerpt(CmsFiles.Txt2018, 60));
        return clean;
    }

    /// <summary>
    /// Uploads the first file, then the corrected one, uploading it again until storage's clock
    /// (one-second resolution) says it is the later one.
    /// </summary>
    private static async Task UploadBothAsync(IngestionHost host)
    {
        var (first, corrected) = Files();
        var container = host.Blobs.GetBlobContainerClient(StorageNames.ReleasesContainer);
        await host.UploadAsync(Older, first);
        var olderAt = (await container.GetBlobClient(Older).GetPropertiesAsync()).Value.LastModified;
        do
        {
            await container.GetBlobClient(Newer).UploadAsync(new BinaryData(corrected), overwrite: true);
        }
        while ((await container.GetBlobClient(Newer).GetPropertiesAsync()).Value.LastModified <= olderAt);
    }

    private static async Task AssertNewerWonAsync(IngestionHost host, IReadOnlyList<string> clean)
    {
        var records = await host.Get<ReleaseStore>().ListAsync(CodeSystem.Hcpcs, CancellationToken.None);
        var published = Assert.Single(records, r => r.Effective == new DateOnly(2019, 1, 1) && r.Status == ReleaseStatus.Published);
        Assert.Equal((Newer, ReleaseIdentityResolver.Sha256(Files().Corrected)), (published.Source, published.Sha256));
        var superseded = Assert.Single(records, r => r.Source == Older);
        Assert.Equal(ReleaseStatus.Superseded, superseded.Status);
        Assert.Equal(ReleaseIdentityResolver.Sha256(Files().First), superseded.Sha256);
        // A first file that was published before the later one replaced it keeps its snapshot and changes under its hash
        // (what it answered stays readable as known at then); everything else is as if only the later file was dropped.
        var keptCopies = $".{superseded.Sha256}.";
        Assert.Equal(
            clean.Where(l => !l.StartsWith("release", StringComparison.Ordinal)),
            (await host.DumpStateAsync()).Where(l => !l.StartsWith("release", StringComparison.Ordinal) && !l.Contains(keptCopies, StringComparison.Ordinal)));
    }

    private static ReleaseSweep Sweep(IngestionHost host) =>
        new(host.Get<DroppedFiles>(), host.Get<ReleaseStore>(), host.Get<SystemLock>(), host.Get<IIngestRelease>(), TimeProvider.System, NullLogger<ReleaseSweep>.Instance)
        {
            TriggerGrace = TimeSpan.Zero,
        };
}
