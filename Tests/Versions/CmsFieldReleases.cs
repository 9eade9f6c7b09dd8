using CodeUpdates.Ingestion.Lookup;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Versions;
using CodeUpdates.Tests.Support;

namespace CodeUpdates.Tests.Versions;

/// <summary>
/// The real CMS 2017, 2018 and 2019 .txt files and the October 2025 .xlsx, each read once for the class,
/// with the versions the full recompute derives from them, held as serve holds them.
/// </summary>
public sealed class CmsFieldReleases : IVersionSource
{
    public static readonly string[] Files = [HcpcsTestData.Txt2017, HcpcsTestData.Txt2018, HcpcsTestData.Txt2019, HcpcsTestData.Xlsx2025];

    public CmsFieldReleases()
    {
        Snapshots = Files
            .AsParallel()
            .Select(f => ReleaseReader.Read(new ReleaseFile(Path.GetFileName(f), CmsFiles.Read(f))))
            .OrderBy(s => s.Identity.Effective)
            .ToArray();
        Versions = CodeTimeline.BuildAll(Snapshots).ToDictionary(v => v[0].Code, StringComparer.Ordinal);
        Index = new VersionIndex(new Dictionary<CodeSystem, SystemVersions>
        {
            [CodeSystem.Hcpcs] = new("cms-2017-2019-2025", Versions.Values),
        });
    }

    /// <summary>The four releases, oldest first.</summary>
    public IReadOnlyList<ReleaseSnapshot> Snapshots { get; }

    /// <summary>Every code's versions by the full recompute.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<CodeVersion>> Versions { get; }

    public VersionIndex Index { get; }

    public ValueTask<IVersionIndex> GetAsync(CancellationToken cancellationToken) => ValueTask.FromResult<IVersionIndex>(Index);
}
