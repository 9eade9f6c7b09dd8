using CodeUpdates.Ingestion.Lookup;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Tests.Support;

namespace CodeUpdates.Tests.Releases;

/// <summary>A CMS corrections document dropped like a release file, on a real Azurite.</summary>
[Trait(TestScope.Trait, TestScope.Integration)]
public sealed class CorrectionsIngestTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Release2017 = "hcpcs/HCPC17_CONTR_ANWEB.txt";
    private const string Release2018 = "hcpcs/HCPC2018_CONTR_ANWEB_disc.xlsx";
    private const string V4 = "hcpcs/V4_HCPC2018_Corrections_ANWEB.xlsx";
    private const string Corrections2019 = "hcpcs/HCPC2019_Corrections_ALPHA.xlsx";

    private static readonly DateOnly January2018 = new(2018, 1, 1);

    [Fact]
    public async Task V4_dropped_after_2017_and_2018_publishes_a_corrected_2018_the_original_superseded_and_lookups_answer_the_corrected_text()
    {
        await using var host = await IngestionHost.StartAsync(azurite);
        Assert.Equal(IngestOutcome.Published, (await host.DropAsync(Release2017, CmsFiles.Read(HcpcsTestData.Txt2017))).Outcome);
        var original = (await host.DropAsync(Release2018, CmsFiles.Read(HcpcsTestData.Xlsx2018))).Release!;
        var lookup = host.Get<CodeLookup>();
        var g0279Before = (await lookup.AnswerAsync("hcpcs", "G0279", "2018-06-01", CancellationToken.None)).Value!.LongDescription;

        var result = await host.DropAsync(V4, CmsFiles.Read(CmsCorrectionFiles.V4));

        Assert.Equal(IngestOutcome.Published, result.Outcome);
        var records = await host.Get<ReleaseStore>().ListAsync(CodeSystem.Hcpcs, CancellationToken.None);
        var corrected = records.Single(r => r.Effective == January2018 && r.Status == ReleaseStatus.Published);
        Assert.Equal(V4, corrected.Source);
        Assert.Equal(new DateOnly(2017, 1, 1), corrected.Prior);
        Assert.Equal(original.Source, corrected.Corrections!.Corrects);
        Assert.Equal(original.Sha256, corrected.Corrections.CorrectsSha256);
        Assert.Equal(["C9488", "C9745", "C9746", "C9747", "C9748", "G0499"], corrected.Corrections.Unapplied.Select(u => u.Code));
        var superseded = records.Single(r => r.Status == ReleaseStatus.Superseded);
        Assert.Equal((Release2018, original.Sha256, V4), (superseded.Source, superseded.Sha256, superseded.SupersededBy));

        // The lookups answer the document's texts: read from its cells, not from the product.
        var cells = RawXlsxCells.FirstSheet(RepoPaths.Cms(CmsCorrectionFiles.V4));
        var g0279 = (await lookup.AnswerAsync("hcpcs", "G0279", "2018-06-01", CancellationToken.None)).Value!;
        Assert.Equal(cells[$"E{RawXlsxCells.RowOf(cells, "G0279")}"].Trim(), g0279.LongDescription);
        Assert.NotEqual(g0279Before, g0279.LongDescription);
        var g9868 = (await lookup.AnswerAsync("hcpcs", "G9868", "2018-06-01", CancellationToken.None)).Value!;
        Assert.True(g9868.Valid);
        Assert.Equal(cells[$"D{RawXlsxCells.RowOf(cells, "G9868")}"].Trim(), g9868.ShortDescription);
        Assert.False((await lookup.AnswerAsync("hcpcs", "G9890", "2018-06-01", CancellationToken.None)).Found);
        var in2017 = HcpcsTestData.Read(HcpcsTestData.Txt2017).ByCode()["G9637"];
        Assert.Equal(in2017.LongDescription, (await lookup.AnswerAsync("hcpcs", "G9637", "2018-06-01", CancellationToken.None)).Value!.LongDescription);

        // The replaced release's snapshot and changes stay readable under its hash; the correction's changes name both files.
        var snapshots = host.Get<SnapshotStore>();
        Assert.Equal(original.Sha256, (await snapshots.LoadChangesCopyAsync(CodeSystem.Hcpcs, January2018, original.Sha256, CancellationToken.None))!.Current.Sha256);
        var correction = (await snapshots.LoadCorrectionAsync(CodeSystem.Hcpcs, January2018, CancellationToken.None))!;
        Assert.Equal((original.Sha256, corrected.Sha256), (correction.Prior!.Sha256, correction.Current.Sha256));
        Assert.Equal(3, correction.Summary.Added);

        // The same document again changes nothing.
        var state = await host.DumpStateAsync();
        host.Faults.Reset();
        Assert.Equal(IngestOutcome.Unchanged, (await host.Ingest.HandleAsync(new IngestReleaseCommand(V4), CancellationToken.None)).Outcome);
        Assert.Equal(0, host.Faults.TableWrites);
        Assert.Equal(state, await host.DumpStateAsync());

        // Corrections for a year not loaded are rejected with that reason, and nothing else changes.
        var rejected = await host.DropAsync(Corrections2019, CmsFiles.Read(CmsCorrectionFiles.Corrections2019));
        Assert.Equal(IngestOutcome.Rejected, rejected.Outcome);
        Assert.Equal(
            "hcpcs/HCPC2019_Corrections_ALPHA.xlsx: corrections for HCPCS 2019 need the 2019 release (effective 2019-01-01) loaded first; drop the 2019 HCPCS file (HCPC2019_..._ANWEB), then drop HCPC2019_Corrections_ALPHA.xlsx again",
            rejected.Release!.Reason);
        Assert.Equal(state, (await host.DumpStateAsync()).Where(line => !line.Contains(" rejected-", StringComparison.Ordinal)).ToArray());
    }

    [Fact]
    public async Task CMS_zip_of_the_years_corrections_dropped_after_2018_publishes_the_release_corrected_by_its_latest_version()
    {
        await using var host = await IngestionHost.StartAsync(azurite);
        Assert.Equal(IngestOutcome.Published, (await host.DropAsync(Release2017, CmsFiles.Read(HcpcsTestData.Txt2017))).Outcome);
        var original = (await host.DropAsync(Release2018, CmsFiles.Read(HcpcsTestData.Xlsx2018))).Release!;
        var folder = RepoPaths.Cms("2018");
        var zip = CodeUpdates.Tests.ReleaseFiles.CptFixtures.ZipOf(Directory.GetFiles(folder)
            .Where(f => Path.GetFileName(f).Contains("correction", StringComparison.OrdinalIgnoreCase))
            .Select(f => (Path.GetFileName(f), File.ReadAllBytes(f))));
        const string zipName = "hcpcs/HCPC2018_Corrections.zip";

        var result = await host.DropAsync(zipName, zip);

        Assert.Equal(IngestOutcome.Published, result.Outcome);
        var records = await host.Get<ReleaseStore>().ListAsync(CodeSystem.Hcpcs, CancellationToken.None);
        var corrected = records.Single(r => r.Effective == January2018 && r.Status == ReleaseStatus.Published);
        Assert.Equal((zipName, original.Sha256), (corrected.Source, corrected.Corrections!.CorrectsSha256));
        var cells = RawXlsxCells.FirstSheet(RepoPaths.Cms(CmsCorrectionFiles.V4));
        var g0279 = (await host.Get<CodeLookup>().AnswerAsync("hcpcs", "G0279", "2018-06-01", CancellationToken.None)).Value!;
        Assert.Equal(cells[$"E{RawXlsxCells.RowOf(cells, "G0279")}"].Trim(), g0279.LongDescription);
        Assert.True((await host.Get<CodeLookup>().AnswerAsync("hcpcs", "G9868", "2018-06-01", CancellationToken.None)).Found);
        // The lines not applied are V4's workbook's (the first test's), not the print's, whose texts are cut.
        Assert.Equal(["C9488", "C9745", "C9746", "C9747", "C9748", "G0499"], corrected.Corrections.Unapplied.Select(u => u.Code));
    }
}
