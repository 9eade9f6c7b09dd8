using CodeUpdates.Ingestion.Diff;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Reports;
using BenchmarkDotNet.Attributes;

namespace CodeUpdates.Benchmarks;

/// <summary>
/// Writing the change report of the CMS 2018 → 2019 HCPCS releases: the .xlsx attached to the
/// mail (and served by the changes route) and the mail's HTML part. The setup prints their sizes.
/// </summary>
[MemoryDiagnoser]
public class ReportBenchmarks
{
    private ReleaseDiffResult diff = null!;

    [GlobalSetup]
    public async Task Load()
    {
        diff = ReleaseDiff.Compare(
            ReleaseReader.Read(CmsData.Load("2018/HCPC2018_CONTR_ANWEB_disc.txt"), CodeSystem.Hcpcs),
            ReleaseReader.Read(CmsData.Load("2019/HCPC2019_CONTR_ANWEB.txt"), CodeSystem.Hcpcs));
        Console.WriteLine($"// xlsx: {(await ChangeReportTable.ToXlsxAsync(diff, CancellationToken.None)).Length:N0} bytes, mail HTML: {ChangeReportHtml.Render(diff).Length:N0} characters");
    }

    [Benchmark]
    public async Task<int> Xlsx2019() => (await ChangeReportTable.ToXlsxAsync(diff, CancellationToken.None)).Length;

    [Benchmark]
    public int MailHtml2019() => ChangeReportHtml.Render(diff).Length;
}
