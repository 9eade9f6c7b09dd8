using CodeUpdates.Ingestion.Fhir;
using CodeUpdates.Ingestion.Lookup;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Versions;
using CodeUpdates.Tests.Support;

namespace CodeUpdates.Tests.Fhir;

/// <summary>The versions of the real CMS 2017, 2018 and 2019 HCPCS releases in memory, as serve holds them, without storage.</summary>
public sealed class CmsVersions : IVersionSource, ICodeSystemReleases
{
    public CmsVersions()
    {
        var snapshots = new[] { CmsFiles.Txt2017, CmsFiles.Txt2018, CmsFiles.Txt2019 }
            .Select(f => ReleaseReader.Read(new ReleaseFile(Path.GetFileName(f), CmsFiles.Read(f))))
            .ToArray();
        Index = new VersionIndex(new Dictionary<CodeSystem, SystemVersions>
        {
            [CodeSystem.Hcpcs] = new("cms-2017-2019", CodeTimeline.BuildAll(snapshots)),
        });
        Releases = snapshots
            .Select(s => new CodeSystemRelease(s.Identity.System, s.Identity.Effective, s.Codes.Count))
            .OrderBy(r => r.Effective)
            .ToArray();
    }

    public VersionIndex Index { get; }

    public IReadOnlyList<CodeSystemRelease> Releases { get; }

    public ValueTask<IVersionIndex> GetAsync(CancellationToken cancellationToken) => ValueTask.FromResult<IVersionIndex>(Index);

    public ValueTask<IReadOnlyList<CodeSystemRelease>> ListAsync(CodeSystem system, IVersionIndex index, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<CodeSystemRelease>>(system == CodeSystem.Hcpcs ? Releases : []);
}
