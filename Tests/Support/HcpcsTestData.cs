using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.ReleaseFiles.Hcpcs;
using System.Collections.Concurrent;
using System.Globalization;

namespace CodeUpdates.Tests.Support;

/// <summary>The real CMS ANWEB files, each parsed once per test run, and helpers to compare what readers return.</summary>
public static class HcpcsTestData
{
    public const string Txt2017 = "2017/HCPC17_CONTR_ANWEB.txt";
    public const string Xlsx2017 = "2017/HCPC17_CONTR_ANWEB.xlsx";
    public const string Txt2018 = "2018/HCPC2018_CONTR_ANWEB_disc.txt";
    public const string Xlsx2018 = "2018/HCPC2018_CONTR_ANWEB_disc.xlsx";
    public const string Txt2019 = "2019/HCPC2019_CONTR_ANWEB.txt";
    public const string Xlsx2019 = "2019/HCPC2019_CONTR_ANWEB.xlsx";
    public const string Xlsx2025 = "2025/HCPC2025_OCT_ANWEB.xlsx";

    private static readonly ConcurrentDictionary<string, Lazy<ReleaseContent>> Parsed = new();

    public static ReleaseMember Member(string relative) => new(Path.GetFileName(relative), File.ReadAllBytes(RepoPaths.Cms(relative)));

    public static ReleaseContent Read(string relative) =>
        Parsed.GetOrAdd(relative, r => new Lazy<ReleaseContent>(() => HcpcsAnwebReader.Read([Member(r)]))).Value;

    public static Dictionary<string, CodeRecord> ByCode(this ReleaseContent content) =>
        content.Codes.ToDictionary(c => c.Code, StringComparer.Ordinal);

    /// <summary>Every field of a record on one line, so two readers' results compare with a readable difference.</summary>
    public static string Describe(CodeRecord r) => string.Join(
        " | ",
        r.Code,
        r.Kind,
        "long=" + r.LongDescription,
        "short=" + r.ShortDescription,
        "add=" + Date(r.AddDate),
        "acteff=" + Date(r.ActionEffectiveDate),
        "term=" + Date(r.TerminationDate),
        "action=" + r.ActionCode,
        "seq=" + r.SequenceNumber,
        "xref=" + string.Join(",", r.CrossReferences),
        string.Join(";", r.Administrative.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value)));

    private static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty;
}
