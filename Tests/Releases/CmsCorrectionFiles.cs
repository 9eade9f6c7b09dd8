using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.ReleaseFiles.Hcpcs;
using CodeUpdates.Tests.Support;

namespace CodeUpdates.Tests.Releases;

/// <summary>The real CMS releases and corrections documents the corrections tests apply, each read once per test class.</summary>
public sealed class CmsCorrectionFiles
{
    public const string V1 = "2018/V1_HCPC2018_Corrections_ANWEB.xlsx";
    public const string V2 = "2018/V2_HCPC2018_Corrections_ANWEB.xlsx";
    public const string V3 = "2018/V3_HCPC2018_Corrections_ANWEB.xlsx";
    public const string V4 = "2018/V4_HCPC2018_Corrections_ANWEB.xlsx";
    public const string V4Print = "2018/V4_HCPC2018_Corrections_ANWEB.prn";
    public const string Corrections2019 = "2019/HCPC2019_Corrections_ALPHA.xlsx";
    public const string Corrections2017Text = "2017/hcpc2017_corrections_alpha.txt";

    private readonly Lazy<ReleaseSnapshot> release2017 = new(() => Release(HcpcsTestData.Txt2017));
    private readonly Lazy<ReleaseSnapshot> release2018 = new(() => Release(HcpcsTestData.Xlsx2018));
    private readonly Lazy<ReleaseSnapshot> release2019 = new(() => Release(HcpcsTestData.Xlsx2019));

    public ReleaseSnapshot Release2017 => release2017.Value;

    public ReleaseSnapshot Release2018 => release2018.Value;

    public ReleaseSnapshot Release2019 => release2019.Value;

    public static CorrectionsDocument Document(string relative) =>
        HcpcsCorrectionsReader.Read(new ReleaseFile("hcpcs/" + Path.GetFileName(relative), CmsFiles.Read(relative)));

    // Parsed through the run's shared cache (the diff tests read the same files), so the fast run reads each once.
    private static ReleaseSnapshot Release(string relative)
    {
        var content = HcpcsTestData.Read(relative);
        var name = "hcpcs/" + Path.GetFileName(relative);
        var effective = ReleaseIdentityResolver.Effective(name, null)!.Value;
        return new ReleaseSnapshot(new ReleaseIdentity(CodeSystem.Hcpcs, effective, name, ReleaseIdentityResolver.Sha256(CmsFiles.Read(relative))), content.DescriptorKinds, content.Codes);
    }
}
