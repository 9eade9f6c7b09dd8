using CodeUpdates.Ingestion.Diff;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Ingestion.Reports;
using CodeUpdates.Tests.Support;

namespace CodeUpdates.Tests.Releases;

/// <summary>A changes document stored before it carried CMS's action codes is computed again once, and stored, in Azurite.</summary>
[Trait(TestScope.Trait, TestScope.Integration)]
public sealed class CmsActionsStoredTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_stored_changes_document_without_cmsActions_gets_them_computed_and_stored_once()
    {
        await using var host = await IngestionHost.StartAsync(azurite);
        await host.DropAsync("hcpcs/2018-01-01/excerpt.txt", CmsFiles.Excerpt(CmsFiles.Txt2018, 150));
        await host.DropAsync("hcpcs/2019-01-01/excerpt.txt", CmsFiles.Excerpt(CmsFiles.Txt2019, 150));
        var source = host.Get<IReleaseChangesSource>();
        var january2019 = new DateOnly(2019, 1, 1);
        var published = (await source.GetPublishedChangesAsync(CodeSystem.Hcpcs, january2019, CancellationToken.None))!.Diff;
        Assert.NotNull(published.CmsActions);
        Assert.True(published.CmsActions.Compared > 0);
        Assert.Equal([new DateOnly(2018, 4, 1), new DateOnly(2018, 7, 1), new DateOnly(2018, 10, 1)], published.MissingQuarters);

        // As an older deployment stored it: the same changes, without the CMS evidence.
        await host.Get<SnapshotStore>().SaveChangesAsync(
            published with { CmsActions = null, MissingQuarters = null, Changes = published.Changes.Select(c => c with { Reused = null }).ToArray() },
            CancellationToken.None);
        host.Faults.Reset();
        var computed = (await source.GetPublishedChangesAsync(CodeSystem.Hcpcs, january2019, CancellationToken.None))!.Diff;

        Assert.Equal(ChangeReportDocument.From(published).ToJson(), ChangeReportDocument.From(computed).ToJson());
        Assert.Contains(host.Faults.Reads, r => r.EndsWith("/snapshots/hcpcs/2019-01-01.json.gz", StringComparison.Ordinal));
        Assert.Equal(1, host.Faults.Writes);

        host.Faults.Reset();
        var again = (await source.GetPublishedChangesAsync(CodeSystem.Hcpcs, january2019, CancellationToken.None))!.Diff;
        Assert.Equal(ChangeReportDocument.From(published).ToJson(), ChangeReportDocument.From(again).ToJson());
        Assert.DoesNotContain(host.Faults.Reads, r => r.EndsWith("-01-01.json.gz", StringComparison.Ordinal));
        Assert.Equal(0, host.Faults.Writes);

        // The system's first release has no prior and so no action codes to compare: it is never stale for lacking them.
        await source.GetPublishedChangesAsync(CodeSystem.Hcpcs, new DateOnly(2018, 1, 1), CancellationToken.None);
        host.Faults.Reset();
        var initial = (await source.GetPublishedChangesAsync(CodeSystem.Hcpcs, new DateOnly(2018, 1, 1), CancellationToken.None))!.Diff;
        Assert.Null(initial.CmsActions);
        Assert.Equal(0, host.Faults.Writes);
    }
}
