using CodeUpdates.Ingestion.Diff;
using CodeUpdates.Ingestion.ReleaseFiles;

namespace CodeUpdates.Tests.Mail;

/// <summary>Invented HCPCS-like releases for mail tests (the real readers live on another branch).</summary>
public static class ExampleDiffs
{
    public const string PriorSha = "1111111111111111111111111111111111111111111111111111111111111111";
    public const string CurrentSha = "2222222222222222222222222222222222222222222222222222222222222222";

    public static ReleaseSnapshot Prior(CodeSystem system = CodeSystem.Hcpcs) => new(
        new ReleaseIdentity(system, new DateOnly(2018, 1, 1), "HCPC2018_CONTR_ANWEB.txt", PriorSha),
        [DescriptorKind.Long, DescriptorKind.Short],
        [
            Code("A0021", "Ambulance service, outside state per mile, transport"),
            Code("A4216", "Sterile water, saline and/or dextrose, diluent/flush, 10 ml"),
            Code("E0114", "Crutches underarm, other than wood, adjustable or fixed, pair, with pads, tips and handgrips"),
            Code("G0101", "Cervical or vaginal cancer screening; pelvic and clinical breast examination", term: new DateOnly(2017, 12, 31)),
            Code("J1000", "Injection, depo-estradiol cypionate, up to 5 mg", admin: new() { ["PRICE1"] = "51", ["BETOS"] = "O1E" }),
            Code("J1001", "Injection, test drug, 1 mg", admin: new() { ["PRICE1"] = "51" }),
            Code("Q0090", "Levonorgestrel-releasing intrauterine contraceptive system, 52 mg"),
            Code("S0001", "Old purged code", term: new DateOnly(2013, 12, 31)),
        ]);

    public static ReleaseSnapshot Current(CodeSystem system = CodeSystem.Hcpcs) => new(
        new ReleaseIdentity(system, new DateOnly(2019, 1, 1), "HCPC2019_CONTR_ANWEB.txt", CurrentSha),
        [DescriptorKind.Long, DescriptorKind.Short],
        [
            Code("A0021", "Ambulance service, outside state per mile, transport (Medicaid only)"),
            Code("A4216", "Sterile water, saline and/or dextrose, diluent/flush, 10 ml"),
            Code("C9999", "Drug <b>& device</b> combination, per unit"),
            Code("E0114", "=Crutches underarm, other than wood, adjustable or fixed, pair, with pads, tips and handgrips"),
            Code("G0101", "Cervical or vaginal cancer screening; pelvic and clinical breast examination"),
            Code("J1000", "Injection, depo-estradiol cypionate, up to 5 mg", admin: new() { ["PRICE1"] = "57", ["BETOS"] = "O1E" }),
            Code("J1001", "Injection, test drug, 1 mg", admin: new() { ["PRICE1"] = "57" }),
            Code("K1001", "Short-lived device, each", term: new DateOnly(2018, 6, 30)),
            Code("Q0090", "Levonorgestrel-releasing intrauterine contraceptive system, 52 mg", term: new DateOnly(2018, 12, 31), xrefs: ["J7297", "J7298"]),
        ]);

    public static ReleaseDiffResult Diff(CodeSystem system = CodeSystem.Hcpcs) => ReleaseDiff.Compare(Prior(system), Current(system));

    public static ReleaseDiffResult Initial(CodeSystem system = CodeSystem.Hcpcs) => ReleaseDiff.Compare(null, Prior(system));

    private static CodeRecord Code(string code, string text, DateOnly? term = null, string[]? xrefs = null, Dictionary<string, string>? admin = null) =>
        new(code, CodeRecord.KindOf(code),
            new Dictionary<string, string> { [DescriptorKind.Long] = text, [DescriptorKind.Short] = text.Length > 28 ? text[..28] : text },
            TerminationDate: term, CrossReferences: xrefs, Administrative: admin);
}
