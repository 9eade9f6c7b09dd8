using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Tests.Support;

namespace CodeUpdates.Tests.Releases;

/// <summary>
/// The 2018 .xlsx workbook as CMS published it and as corrected by the V4 corrections document (applied over 2017), and
/// the 2019 .txt release: each read once for the tests that diff 2019 against either 2018.
/// </summary>
public sealed class CorrectedPriorSnapshots
{
    private readonly CmsCorrectionFiles files = new();
    private readonly Lazy<ReleaseSnapshot> corrected2018;
    private readonly Lazy<ReleaseSnapshot> txt2019 = new(() => ReleaseReader.Read(new ReleaseFile(Path.GetFileName(CmsFiles.Txt2019), CmsFiles.Read(CmsFiles.Txt2019))));

    public CorrectedPriorSnapshots()
    {
        corrected2018 = new(() => CorrectionsApplier.Apply(CmsCorrectionFiles.Document(CmsCorrectionFiles.V4), files.Release2018, files.Release2017).Snapshot);
    }

    public ReleaseSnapshot Published2018 => files.Release2018;

    public ReleaseSnapshot Corrected2018 => corrected2018.Value;

    public ReleaseSnapshot Txt2019 => txt2019.Value;
}
