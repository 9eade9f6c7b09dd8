using CodeUpdates.Ingestion.Diff;
using CodeUpdates.Ingestion.ReleaseFiles;
using BenchmarkDotNet.Attributes;

namespace CodeUpdates.Benchmarks;

/// <summary>
/// Reading the CMS January 2018 and 2019 ANWEB releases and diffing them, in process, as
/// <c>codeupdates diff</c> does (system detection and identity included; the files are in memory).
/// </summary>
[MemoryDiagnoser]
public class DiffBenchmarks
{
    private ReleaseFile xlsx2018 = null!;
    private ReleaseFile xlsx2019 = null!;
    private ReleaseFile txt2018 = null!;
    private ReleaseFile txt2019 = null!;

    [GlobalSetup]
    public void Load()
    {
        xlsx2018 = CmsData.Load("2018/HCPC2018_CONTR_ANWEB_disc.xlsx");
        xlsx2019 = CmsData.Load("2019/HCPC2019_CONTR_ANWEB.xlsx");
        txt2018 = CmsData.Load("2018/HCPC2018_CONTR_ANWEB_disc.txt");
        txt2019 = CmsData.Load("2019/HCPC2019_CONTR_ANWEB.txt");
    }

    [Benchmark]
    public ChangeSummary Xlsx2018To2019() => Diff(xlsx2018, xlsx2019);

    [Benchmark]
    public ChangeSummary Txt2018To2019() => Diff(txt2018, txt2019);

    [Benchmark]
    public int ReadXlsx2019() => ReleaseReader.Read(xlsx2019).Codes.Count;

    private static ChangeSummary Diff(ReleaseFile prior, ReleaseFile current) =>
        ReleaseDiff.Compare(ReleaseReader.Read(prior), ReleaseReader.Read(current)).Summary;
}
