using CodeUpdates.Ingestion.Fhir;
using CodeUpdates.Ingestion.Lookup;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Tests.Support;

namespace CodeUpdates.Tests.Fhir;

/// <summary>The FHIR code system versions as read from the releases table, on Azurite.</summary>
[Trait(TestScope.Trait, TestScope.Integration)]
public sealed class CodeSystemReleasesTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_list_read_while_a_release_is_being_published_is_not_kept_past_its_publication()
    {
        await using var host = await IngestionHost.StartAsync(azurite);
        var store = host.Get<ReleaseStore>();
        var releases = new StoredCodeSystemReleases(store);
        var received = DateTimeOffset.UtcNow;
        await store.UpsertAsync(Record(new DateOnly(2018, 1, 1), ReleaseStatus.Published, received), CancellationToken.None);
        var processing = Record(new DateOnly(2019, 1, 1), ReleaseStatus.Processing, received);
        await store.UpsertAsync(processing, CancellationToken.None);

        // The publishing instance has taken in the 2019 versions (the tag moved) and is about to mark it published;
        // a FHIR call in between sees 2018 only.
        var index = new VersionIndex(new Dictionary<CodeSystem, SystemVersions> { [CodeSystem.Hcpcs] = new("head-after-2019", []) });
        Assert.Equal(["2018-01-01"], (await releases.ListAsync(CodeSystem.Hcpcs, index, CancellationToken.None)).Select(r => r.Version));

        await store.UpsertAsync(processing with { Status = ReleaseStatus.Published, PublishedAt = DateTimeOffset.UtcNow }, CancellationToken.None);

        Assert.Equal(["2018-01-01", "2019-01-01"], (await releases.ListAsync(CodeSystem.Hcpcs, index, CancellationToken.None)).Select(r => r.Version));
    }

    private static ReleaseRecord Record(DateOnly effective, ReleaseStatus status, DateTimeOffset received) =>
        status == ReleaseStatus.Published
            ? ReleaseRecord.Published("hcpcs", effective, $"hcpcs/{IsoDate.Format(effective)}/anweb.txt", "sha-" + IsoDate.Format(effective), 100, null, new ReleaseCounts(0, 0, 0, 0, 0, 0, 100, InitialLoad: true), received, received, 100)
            : ReleaseRecord.Processing("hcpcs", effective, $"hcpcs/{IsoDate.Format(effective)}/anweb.txt", "sha-" + IsoDate.Format(effective), 100, received);
}
