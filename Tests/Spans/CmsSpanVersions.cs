using CodeUpdates.Ingestion.Fhir;
using CodeUpdates.Ingestion.Lookup;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Spans;
using CodeUpdates.Ingestion.Versions;
using CodeUpdates.Tests.Support;

namespace CodeUpdates.Tests.Spans;

/// <summary>
/// The versions of the real CMS HCPCS 2017, 2018, 2019 (.txt) and October 2025 (.xlsx) releases in memory, as
/// serve holds them, without storage: loaded once per test class.
/// </summary>
public sealed class CmsSpanVersions : IVersionSource, ICodeSystemReleases
{
    public const string Xlsx2025 = "2025/HCPC2025_OCT_ANWEB.xlsx";

    public CmsSpanVersions()
    {
        var snapshots = new[] { CmsFiles.Txt2017, CmsFiles.Txt2018, CmsFiles.Txt2019, Xlsx2025 }
            .Select(f => ReleaseReader.Read(new ReleaseFile(Path.GetFileName(f), CmsFiles.Read(f))))
            .ToArray();
        Index = new VersionIndex(new Dictionary<CodeSystem, SystemVersions>
        {
            [CodeSystem.Hcpcs] = new("cms-2017-2019-2025", CodeTimeline.BuildAll(snapshots)),
        });
        Releases = snapshots
            .Select(s => new CodeSystemRelease(s.Identity.System, s.Identity.Effective, s.Codes.Count))
            .OrderBy(r => r.Effective)
            .ToArray();
        Spans = new ChangeSpans(this, this);
        CodeSets = new CodeSets(this);
        Lookup = new CodeLookup(this, TimeProvider.System);
    }

    public VersionIndex Index { get; }

    public IReadOnlyList<CodeSystemRelease> Releases { get; }

    public ChangeSpans Spans { get; }

    public CodeSets CodeSets { get; }

    /// <summary>The dated lookup of the API over the same versions: the tests' independent answer for one code on one date.</summary>
    public CodeLookup Lookup { get; }

    public ValueTask<IVersionIndex> GetAsync(CancellationToken cancellationToken) => ValueTask.FromResult<IVersionIndex>(Index);

    public ValueTask<IReadOnlyList<CodeSystemRelease>> ListAsync(CodeSystem system, IVersionIndex index, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<CodeSystemRelease>>(system == CodeSystem.Hcpcs ? Releases : []);
}
