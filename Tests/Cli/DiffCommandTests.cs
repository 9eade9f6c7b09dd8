using CodeUpdates.Tests.Support;
using System.Text;
using System.Text.Json;
using CodeUpdates.Cli;
using CodeUpdates.Cli.Commands;
using ExcelDataReader;
using static CodeUpdates.Tests.Support.HcpcsTestData;

namespace CodeUpdates.Tests.Cli;

/// <summary><c>codeupdates diff</c> on the real CMS 2018 and 2019 files: the output contract of every format, and bad input.</summary>
public sealed class DiffCommandTests : IDisposable
{
    private static readonly string Prior = RepoPaths.Cms(Txt2018);
    private static readonly string Current = RepoPaths.Cms(Txt2019);
    private static readonly string[] ChangeNames = ["added", "deleted", "revised", "reactivated", "administrative", "purged"];

    private readonly DirectoryInfo temp = Directory.CreateTempSubdirectory("codeupdates-diff-");

    public void Dispose() => temp.Delete(recursive: true);

    [Fact]
    public async Task Json_carries_system_both_releases_the_summary_and_every_changed_code_once()
    {
        var (exit, stdout, _) = await Run("diff", Prior, Current);

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal("hcpcs", root.GetProperty("system").GetString());
        AssertRelease(root.GetProperty("prior"), "2018-01-01", "2018/HCPC2018_CONTR_ANWEB_disc.txt", 6559);
        AssertRelease(root.GetProperty("current"), "2019-01-01", "2019/HCPC2019_CONTR_ANWEB.txt", 6800);

        var summary = root.GetProperty("summary");
        Assert.Equal([228, 52, 122, 0, 52, 0], ChangeNames.Select(n => summary.GetProperty(n).GetInt32()));

        var changes = root.GetProperty("changes").EnumerateArray().ToArray();
        Assert.Equal(454, changes.Length);
        Assert.Equal(changes.Length, changes.Select(c => c.GetProperty("code").GetString()).Distinct(StringComparer.Ordinal).Count());
        Assert.All(changes, c => Assert.Contains(c.GetProperty("change").GetString(), ChangeNames));
        Assert.All(changes, c => Assert.Contains(c.GetProperty("kind").GetString(), new[] { "procedure", "modifier" }));
        Assert.Equal(summary.GetProperty("deleted").GetInt32(), changes.Count(c => c.GetProperty("change").GetString() == "deleted"));

        var terminated = Change(changes, "C8904");
        Assert.Equal("deleted", terminated.GetProperty("change").GetString());
        Assert.Equal("terminated", terminated.GetProperty("reason").GetString());
        Assert.Equal(["77046"], terminated.GetProperty("replacedBy").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("Magnetic resonance imaging without contrast, breast; unilateral", terminated.GetProperty("before").GetProperty("long").GetString());
        Assert.True(terminated.TryGetProperty("after", out _));

        Assert.True(changes.First(c => c.GetProperty("change").GetString() == "deleted" && c.TryGetProperty("new", out _)).GetProperty("new").GetBoolean());
        Assert.Equal("absent", Change(changes, "G9976").GetProperty("reason").GetString());

        var added = Change(changes, "A4563");
        Assert.False(added.TryGetProperty("before", out _));
        Assert.StartsWith("Rectal control system", added.GetProperty("after").GetProperty("long").GetString(), StringComparison.Ordinal);

        var revised = Change(changes, "A5513");
        Assert.Equal(["long"], revised.GetProperty("fields").EnumerateArray().Select(e => e.GetString()));

        var administrative = Change(changes, "A5512");
        Assert.Equal(["COV", "MCM1"], administrative.GetProperty("fields").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Purged_codes_are_listed_with_change_purged_and_counted()
    {
        var (exit, stdout, _) = await Run("diff", RepoPaths.Cms(Txt2017), Prior, "--format", "json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(stdout);
        var purged = json.RootElement.GetProperty("changes").EnumerateArray().Where(c => c.GetProperty("change").GetString() == "purged").ToArray();
        Assert.Equal(107, purged.Length);
        Assert.Equal(107, json.RootElement.GetProperty("summary").GetProperty("purged").GetInt32());
        var c1204 = Change(purged, "C1204");
        Assert.Equal("2013-12-31", c1204.GetProperty("terminationDate").GetString());
        Assert.False(c1204.TryGetProperty("reason", out _));
    }

    [Fact]
    public async Task Markdown_is_a_readable_report()
    {
        var (exit, stdout, stderr) = await Run("diff", Prior, Current, "--format", "md");

        Assert.Equal(0, exit);
        Assert.Empty(stderr);
        Assert.StartsWith("# HCPCS 2019-01-01: 228 added, 52 deleted, 122 revised, 52 administrative", stdout, StringComparison.Ordinal);
        Assert.Contains("| added | 228 |", stdout, StringComparison.Ordinal);
        Assert.Contains("## added (228)", stdout, StringComparison.Ordinal);
        Assert.Contains("**A4563** Rectal control system for vaginal insertion", stdout, StringComparison.Ordinal);
        Assert.Contains("C8904", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Xlsx_writes_a_workbook_with_a_sheet_per_change_type()
    {
        var output = Path.Combine(temp.FullName, "changes.xlsx");

        var (exit, stdout, _) = await Run("diff", Prior, Current, "--format", "xlsx", "--out", output);

        Assert.Equal(0, exit);
        Assert.Empty(stdout);
        using var stream = File.OpenRead(output);
        using var reader = ExcelReaderFactory.CreateReader(stream);
        var sheets = new Dictionary<string, List<string?[]>>(StringComparer.Ordinal);
        do
        {
            var rows = new List<string?[]>();
            while (reader.Read())
            {
                rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i)?.ToString())]);
            }

            sheets[reader.Name] = rows;
        }
        while (reader.NextResult());

        Assert.Equal(["Summary", .. ChangeNames], sheets.Keys);
        Assert.Equal([229, 53, 123, 1, 53, 1], ChangeNames.Select(n => sheets[n].Count));
        var header = sheets["deleted"][0];
        Assert.Equal("Code", header[0]);
        var row = sheets["deleted"].Single(r => r[0] == "C8904");
        Assert.Equal("deleted", row[Array.IndexOf(header, "Change")]);
        Assert.Equal("terminated", row[Array.IndexOf(header, "Reason")]);
        Assert.Equal("2018-12-31", row[Array.IndexOf(header, "Termination date")]);
        Assert.Equal("77046", row[Array.IndexOf(header, "Replaced by")]);
        Assert.Contains(sheets["Summary"], r => r[0] == "revised" && r[1] == "122");
    }

    [Fact]
    public async Task Xlsx_without_out_is_a_usage_error()
    {
        var (exit, _, stderr) = await Run("diff", Prior, Current, "--format", "xlsx");

        Assert.Equal(2, exit);
        Assert.StartsWith("codeupdates: --format xlsx needs --out FILE", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_has_a_header_and_one_row_per_change()
    {
        var (exit, stdout, _) = await Run("diff", Prior, Current, "--format", "csv");

        Assert.Equal(0, exit);
        var rows = Ingestion.ReleaseFiles.Tabular.CsvReader.ReadRows(stdout).ToArray();
        Assert.Equal("Code,Kind,Change,Reason,New,Fields,Termination date,Replaced by", string.Join(",", rows[0].Take(8)));
        Assert.Equal(455, rows.Length);
        Assert.Equal(["C8904", "procedure", "deleted", "terminated", string.Empty], rows.Single(r => r[0] == "C8904").Take(5));
        Assert.Equal(16, rows.Count(r => r[2] == "deleted" && r[4] == "yes"));
    }

    [Fact]
    public async Task A_missing_file_exits_2_with_one_line_naming_it()
    {
        var missing = Path.Combine(temp.FullName, "nowhere.txt");

        var (exit, stdout, stderr) = await Run("diff", missing, Current);

        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.Equal($"codeupdates: {missing}: file not found", OneLine(stderr));
    }

    [Theory]
    [InlineData("empty.txt", "", "the file is empty")]
    [InlineData("notes.txt", "Some notes about the meeting.\nNothing else.\n", "cannot tell whether this is an HCPCS or a CPT release")]
    [InlineData("HCPC2019_ANWEB.csv", "HCPC,SEQNUM,RECID,LONG DESCRIPTION,SHORT DESCRIPTION\n", "no HCPCS codes found")]
    [InlineData("HCPC2019_ANWEB.xlsx", "PK\u0003\u0004 not a workbook", "not a spreadsheet")]
    public async Task Bad_input_exits_2_with_a_one_line_reason(string name, string content, string reason)
    {
        var path = Path.Combine(temp.FullName, name);
        await File.WriteAllTextAsync(path, content, CancellationToken.None);

        var (exit, stdout, stderr) = await Run("diff", path, Current);

        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        var line = OneLine(stderr);
        Assert.StartsWith("codeupdates: ", line, StringComparison.Ordinal);
        Assert.Contains(name, line, StringComparison.Ordinal);
        Assert.Contains(reason, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Releases_of_two_systems_are_not_compared()
    {
        var cpt = RepoPaths.Sample("cpt/2026/LONGULT.txt");

        var (exit, _, stderr) = await Run("diff", Prior, cpt, "--system", "hcpcs");

        Assert.Equal(2, exit);
        Assert.StartsWith("codeupdates: ", OneLine(stderr), StringComparison.Ordinal);
    }

    [Fact]
    [Trait(TestScope.Trait, TestScope.Integration)]
    public async Task The_built_program_exits_2_with_the_reason_on_stderr()
    {
        var run = await BuiltCli.RunAsync(new Dictionary<string, string?>(), "diff", Path.Combine(temp.FullName, "nowhere.txt"), Current);

        Assert.Equal(2, run.Exit);
        Assert.Empty(run.Stdout);
        Assert.EndsWith("nowhere.txt: file not found", OneLine(run.Stderr), StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> Run(params string[] args)
    {
        var run = await CliRun.InProcessAsync(args);
        return (run.Exit, run.Stdout, run.Stderr);
    }

    private static string OneLine(string text) => CliRun.OneLine(text);

    private static void AssertRelease(JsonElement release, string effective, string source, int codes)
    {
        Assert.Equal(effective, release.GetProperty("effective").GetString());
        Assert.Equal(source, release.GetProperty("source").GetString());
        Assert.Matches("^[0-9a-f]{64}$", release.GetProperty("sha256").GetString());
        Assert.Equal(codes, release.GetProperty("codes").GetInt32());
    }

    private static JsonElement Change(IEnumerable<JsonElement> changes, string code) =>
        Assert.Single(changes, c => c.GetProperty("code").GetString() == code);
}
