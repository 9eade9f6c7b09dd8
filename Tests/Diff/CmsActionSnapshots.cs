using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Tests.Support;

namespace CodeUpdates.Tests.Diff;

/// <summary>The real CMS 2017, 2018 and 2019 .txt releases, each read once for the action-code tests.</summary>
public sealed class CmsActionSnapshots
{
    public ReleaseSnapshot Txt2017 { get; } = Read(CmsFiles.Txt2017);

    public ReleaseSnapshot Txt2018 { get; } = Read(CmsFiles.Txt2018);

    public ReleaseSnapshot Txt2019 { get; } = Read(CmsFiles.Txt2019);

    private static ReleaseSnapshot Read(string relative) =>
        ReleaseReader.Read(new ReleaseFile(Path.GetFileName(relative), CmsFiles.Read(relative)));
}
