using CodeUpdates.Ingestion.Diff;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Tests.ReleaseFiles;
using CodeUpdates.Tests.Support;
using System.IO.Compression;
using Xunit;

namespace CodeUpdates.Tests.Samples;

/// <summary>What a user sees after scripts/run: the samples published, then CMS's real October 2025 file dropped on top.</summary>
[Trait(TestScope.Trait, TestScope.Integration)]
public sealed class SampleIngestTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task The_october_2025_file_dropped_after_the_samples_is_published_against_the_real_2019_release()
    {
        await using var host = await IngestionHost.StartAsync(azurite);
        foreach (var sample in new[] { SampleReleaseTests.Hcpcs2018, SampleReleaseTests.Hcpcs2019 })
        {
            Assert.Equal(IngestOutcome.Published, (await host.DropAsync(sample, File.ReadAllBytes(RepoPaths.Sample(sample)))).Outcome);
        }

        var october = await host.DropAsync("hcpcs/HCPC2025_OCT_ANWEB.xlsx", CmsFiles.Read(HcpcsTestData.Xlsx2025));

        Assert.Equal(IngestOutcome.Published, october.Outcome);
        var state = await host.DumpStateAsync();
        Assert.Contains(state, l => l.StartsWith("release hcpcs 2025-10-01 published ", StringComparison.Ordinal) && l.Contains(" 8846 2019-01-01 1745 710 282 0 134 0", StringComparison.Ordinal));
    }
}
