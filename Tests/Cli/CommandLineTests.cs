using CodeUpdates.Tests.Support;
using System.Text.Json;
using CodeUpdates.Cli;
using static CodeUpdates.Tests.Support.HcpcsTestData;

namespace CodeUpdates.Tests.Cli;

/// <summary>
/// The <c>codeupdates</c> command line as a new user meets it: --help and --version for the tool and
/// each command, and every mistake answered with one line on stderr and exit 2, never a stack trace.
/// </summary>
[Trait(TestScope.Trait, TestScope.Integration)]
public sealed class CommandLineTests : IDisposable
{
    private static readonly string Prior = RepoPaths.Cms(Txt2018);
    private static readonly string Current = RepoPaths.Cms(Txt2019);

    private readonly DirectoryInfo temp = Directory.CreateTempSubdirectory("codeupdates-cli-");

    public void Dispose() => temp.Delete(recursive: true);

    [Theory]
    [InlineData(new[] { "--help" }, new[] { "diff", "serve", "drop", "--version" })]
    [InlineData(new[] { "diff", "--help" }, new[] { "<PRIOR>", "<CURRENT>", "--system", "--effective-prior", "--effective", "--format", "--out", "--allow-reverse" })]
    [InlineData(new[] { "serve", "--help" }, new[] { "--urls", "--require-auth" })]
    [InlineData(new[] { "drop", "--help" }, new[] { "<FILE>", "--system", "--effective", "--name" })]
    [InlineData(new[] { "diff", "-h" }, new[] { "--allow-reverse" })]
    public async Task Help_lists_each_argument_and_option_with_a_line_on_what_it_does(string[] args, string[] listed)
    {
        var run = await CliRun.InProcessAsync(args);

        Assert.Equal(0, run.Exit);
        Assert.Empty(run.Stderr);
        Assert.Contains($"Usage:{Environment.NewLine}  codeupdates", run.Stdout, StringComparison.Ordinal);
        var lines = run.Stdout.Split('\n');
        foreach (var name in listed)
        {
            // "  --out <FILE>   Write to FILE instead of standard output.": the name, then words saying what it does.
            var line = Assert.Single(lines, l => l.TrimStart().StartsWith(name + " ", StringComparison.Ordinal) || l.TrimStart().StartsWith(name + ",", StringComparison.Ordinal));
            Assert.Matches(@"\S\s{2,}\w+ \w", line);
        }
    }

    [Fact]
    public async Task Version_prints_the_tool_name_and_its_version()
    {
        var run = await CliRun.InProcessAsync("--version");

        Assert.Equal(0, run.Exit);
        Assert.Equal($"codeupdates {CliApp.Version}", CliRun.OneLine(run.Stdout));
        Assert.Matches(@"^\d+\.\d+\.\d+", CliApp.Version);
    }

    [Fact]
    public async Task The_built_program_prints_the_same_version_and_help()
    {
        var version = await BuiltCli.RunAsync(new Dictionary<string, string?>(), "--version");
        var help = await BuiltCli.RunAsync(new Dictionary<string, string?>(), "diff", "--help");

        Assert.Equal((0, $"codeupdates {CliApp.Version}"), (version.Exit, CliRun.OneLine(version.Stdout)));
        Assert.Equal(0, help.Exit);
        Assert.Contains("codeupdates diff <PRIOR> <CURRENT> [options]", help.Stdout, StringComparison.Ordinal);
    }

    public static TheoryData<string[], string> Mistakes => new()
    {
        { [], "no command given; see 'codeupdates --help'" },
        { ["bogus"], "'bogus'" },
        { ["diff", Prior], "'CURRENT' missing" },
        { ["diff", Prior, Current, "extra"], "'extra'" },
        { ["diff", "--bogus", Prior, Current], "unknown option '--bogus'" },
        { ["diff", Prior, Current, "--format", "pdf"], "--format is 'pdf'; expected json, csv, xlsx or md" },
        { ["diff", Prior, Current, "--effective", "2019-13-01"], "--effective is '2019-13-01'; expected yyyy-MM-dd" },
        { ["diff", Prior, Current, "--system", "icd10"], "--system is 'icd10'; expected hcpcs or cpt" },
        { ["diff", Prior, Current, "--format", "xlsx"], "--format xlsx needs --out FILE" },
        { ["diff", Prior, Current, "--out", "/missing/dir/x.json"], "--out /missing/dir/x.json: the folder /missing/dir does not exist" },
        { ["diff", Prior, Current, "--out", "/tmp"], "--out /tmp: is a directory" },
        { ["diff", "/tmp", Current], "/tmp: is a directory; give a release file" },
        { ["drop", "/tmp"], "/tmp: is a directory; give a release file" },
        { ["drop", Prior, "--effective", "1 Jan 2019"], "--effective is '1 Jan 2019'; expected yyyy-MM-dd" },
        { ["drop", Prior, "--name", "../x"], "--name '../x' is not a blob name" },
        { ["drop", Prior, "--name", "hcpcs/./x.txt"], "--name 'hcpcs/./x.txt' is not a blob name" },
        { ["serve", "--port", "80"], "'--port'" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public async Task A_mistake_is_one_line_on_stderr_and_exit_2(string[] args, string message)
    {
        var run = await CliRun.InProcessAsync(args);

        Assert.Equal(2, run.Exit);
        Assert.Empty(run.Stdout);
        var line = CliRun.OneLine(run.Stderr);
        Assert.StartsWith("codeupdates: ", line, StringComparison.Ordinal);
        Assert.Contains(message, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Swapped_releases_stop_with_exit_2_unless_allow_reverse_is_given()
    {
        var swapped = await CliRun.InProcessAsync("diff", Current, Prior);
        var reverse = await CliRun.InProcessAsync("diff", Current, Prior, "--allow-reverse");

        Assert.Equal(2, swapped.Exit);
        Assert.Empty(swapped.Stdout);
        Assert.Equal(
            $"codeupdates: {Prior} takes effect 2018-01-01, before {Current} (2019-01-01); give the earlier release first, or add --allow-reverse to compare backwards",
            CliRun.OneLine(swapped.Stderr));

        Assert.Equal(0, reverse.Exit);
        using var json = JsonDocument.Parse(reverse.Stdout);
        var summary = json.RootElement.GetProperty("summary");
        Assert.Equal((3, 228), (summary.GetProperty("added").GetInt32(), summary.GetProperty("deleted").GetInt32()));
    }

    [Fact]
    public async Task A_bad_file_is_named_by_the_path_as_given()
    {
        var folder = Directory.CreateDirectory(Path.Combine(temp.FullName, "nc"));
        var fake = Path.Combine(folder.FullName, "fake.xlsx");
        await File.WriteAllTextAsync(fake, "not a workbook", CancellationToken.None);

        var run = await CliRun.InProcessAsync("diff", fake, Current);

        Assert.Equal(2, run.Exit);
        Assert.StartsWith($"codeupdates: {fake}: ", CliRun.OneLine(run.Stderr), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Offline_diff_asks_for_the_options_not_for_blob_metadata()
    {
        var notes = Path.Combine(temp.FullName, "notes.txt");
        await File.WriteAllTextAsync(notes, "Some notes about the meeting.\n", CancellationToken.None);
        var undated = Directory.CreateDirectory(Path.Combine(temp.FullName, "undated"));
        var longult = Path.Combine(undated.FullName, "LONGULT.txt");
        File.Copy(RepoPaths.Sample("cpt/2026/LONGULT.txt"), longult);
        var dated = RepoPaths.Sample("cpt/2025/LONGULT.txt");

        var unknownSystem = CliRun.OneLine((await CliRun.InProcessAsync("diff", notes, Current)).Stderr);
        var noCurrentDate = CliRun.OneLine((await CliRun.InProcessAsync("diff", dated, longult)).Stderr);
        var noPriorDate = CliRun.OneLine((await CliRun.InProcessAsync("diff", longult, dated)).Stderr);

        Assert.Equal($"codeupdates: {notes}: cannot tell whether this is an HCPCS or a CPT release; give --system hcpcs or --system cpt", unknownSystem);
        Assert.Equal($"codeupdates: {longult}: no effective date in its name or folder; give --effective yyyy-MM-dd", noCurrentDate);
        Assert.Equal($"codeupdates: {longult}: no effective date in its name or folder; give --effective-prior yyyy-MM-dd", noPriorDate);
    }

    [Fact]
    public async Task Unreachable_storage_is_one_line_within_15_seconds_for_drop_and_serve()
    {
        // Nothing listens on these ports: the storage a user forgot to start.
        var storage = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
                $"BlobEndpoint=http://127.0.0.1:{LocalProcess.FreePort()}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{LocalProcess.FreePort()}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{LocalProcess.FreePort()}/devstoreaccount1",
        };

        var drop = await BuiltCli.RunAsync(storage, "drop", RepoPaths.Sample("hcpcs/HCPC2019_CONTR_ANWEB.zip"), "--system", "hcpcs");
        var serve = await BuiltCli.RunAsync(storage, "serve", "--urls", $"http://127.0.0.1:{LocalProcess.FreePort()}");

        foreach (var run in new[] { drop, serve })
        {
            Assert.Equal(2, run.Exit);
            Assert.Empty(run.Stdout);
            var line = CliRun.OneLine(run.Stderr);
            Assert.Matches(@"^codeupdates: storage account devstoreaccount1 at http://127\.0\.0\.1:\d+/devstoreaccount1 is unreachable \(.+\); start Azurite", line);
            Assert.True(run.Elapsed < TimeSpan.FromSeconds(15), $"reported after {run.Elapsed}");
        }
    }
}
