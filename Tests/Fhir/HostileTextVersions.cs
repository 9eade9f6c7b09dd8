using CodeUpdates.Ingestion.Fhir;
using CodeUpdates.Ingestion.Lookup;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Versions;

namespace CodeUpdates.Tests.Fhir;

/// <summary>
/// One release whose descriptors carry characters XML 1.0 cannot hold (BEL, ESC, U+FFFE, U+FFFF, a lone
/// surrogate), as data stored before the readers dropped them would: the writers must stay valid anyway.
/// </summary>
public sealed class HostileTextVersions : IVersionSource, ICodeSystemReleases
{
    public const string Code = "A0021";
    public const string Long = "Ambulance\u0007 service, \u001b[31moutside\uFFFE state\uFFFF per mile\uD800";
    public const string Short = "Ambulance\u0007 \u001bout of state";

    /// <summary>The texts as an XML writer keeps them: the characters XML 1.0 cannot hold removed, nothing else.</summary>
    public const string LongClean = "Ambulance service, [31moutside state per mile";
    public const string ShortClean = "Ambulance out of state";

    public HostileTextVersions()
    {
        var effective = new DateOnly(2019, 1, 1);
        var snapshot = new ReleaseSnapshot(
            new ReleaseIdentity(CodeSystem.Hcpcs, effective, "HCPC2019_CONTR_ANWEB.txt", new string('3', 64)),
            [DescriptorKind.Long, DescriptorKind.Short],
            [new CodeRecord(Code, CodeRecord.KindOf(Code), new Dictionary<string, string> { [DescriptorKind.Long] = Long, [DescriptorKind.Short] = Short })]);
        Index = new VersionIndex(new Dictionary<CodeSystem, SystemVersions>
        {
            [CodeSystem.Hcpcs] = new("hostile-2019", CodeTimeline.BuildAll([snapshot])),
        });
        Releases = [new CodeSystemRelease(CodeSystem.Hcpcs, effective, 1)];
    }

    public VersionIndex Index { get; }

    public IReadOnlyList<CodeSystemRelease> Releases { get; }

    public ValueTask<IVersionIndex> GetAsync(CancellationToken cancellationToken) => ValueTask.FromResult<IVersionIndex>(Index);

    public ValueTask<IReadOnlyList<CodeSystemRelease>> ListAsync(CodeSystem system, IVersionIndex index, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<CodeSystemRelease>>(system == CodeSystem.Hcpcs ? Releases : []);
}
