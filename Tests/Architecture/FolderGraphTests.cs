using System.Text.RegularExpressions;
using System.Xml.Linq;
using CodeUpdates.Tests.Support;

namespace CodeUpdates.Tests.Architecture;

/// <summary>
/// Ingestion's folders use one another only as docs/architecture.md says, and that table has no
/// cycle: each folder can be read knowing only the folders below it.
/// </summary>
public sealed partial class FolderGraphTests
{
    private static readonly string IngestionRoot = Path.Combine(RepoPaths.Root, "Ingestion");

    [Fact]
    public void Every_folder_uses_only_the_folders_the_architecture_page_lists_for_it()
    {
        var declared = DeclaredGraph();
        var actual = ActualGraph();

        Assert.Equal(declared.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        var undeclared = actual
            .SelectMany(folder => folder.Value.Except(declared[folder.Key]).Select(used => $"{folder.Key} uses {used} ({string.Join(", ", Users(folder.Key, used))})"))
            .ToArray();
        Assert.True(undeclared.Length == 0, "not in docs/architecture.md:\n" + string.Join("\n", undeclared));
    }

    [Fact]
    public void The_declared_graph_reads_bottom_up_so_it_has_no_cycle()
    {
        var declared = DeclaredGraph();
        var order = declared.Keys.ToList(); // the table's row order
        foreach (var (folder, uses) in declared)
        {
            Assert.All(uses, used => Assert.True(order.IndexOf(used) >= 0 && order.IndexOf(used) < order.IndexOf(folder), $"{folder} uses {used}, which is not listed below it"));
        }
    }

    [Fact]
    public void Ingestion_references_no_web_framework()
    {
        var project = XDocument.Load(Path.Combine(IngestionRoot, "Ingestion.csproj"));
        var references = project.Descendants()
            .Where(e => e.Name.LocalName is "PackageReference" or "FrameworkReference" or "ProjectReference")
            .Select(e => (string?)e.Attribute("Include") ?? string.Empty)
            .ToArray();
        Assert.DoesNotContain(references, r => r.Contains("AspNetCore", StringComparison.OrdinalIgnoreCase) || r.Contains("Functions", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(SourceFiles(), file => AspNetUsing().IsMatch(File.ReadAllText(file)));
    }

    private static Dictionary<string, HashSet<string>> DeclaredGraph()
    {
        var page = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "architecture.md"));
        var graph = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (Match row in TableRow().Matches(page))
        {
            var uses = row.Groups["uses"].Value.Trim();
            graph[row.Groups["folder"].Value] = uses == "—"
                ? []
                : uses.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        }

        Assert.NotEmpty(graph);
        return graph;
    }

    private static Dictionary<string, HashSet<string>> ActualGraph()
    {
        var graph = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var file in SourceFiles())
        {
            var folder = FolderOf(file);
            if (folder is null)
            {
                continue; // ServiceRegistration.cs at the root wires every folder
            }

            var uses = graph.TryGetValue(folder, out var known) ? known : graph[folder] = [];
            foreach (Match use in IngestionUsing().Matches(File.ReadAllText(file)))
            {
                if (use.Groups["folder"].Value != folder)
                {
                    uses.Add(use.Groups["folder"].Value);
                }
            }
        }

        return graph;
    }

    private static IEnumerable<string> Users(string folder, string used) =>
        SourceFiles()
            .Where(f => FolderOf(f) == folder && IngestionUsing().Matches(File.ReadAllText(f)).Any(m => m.Groups["folder"].Value == used))
            .Select(f => Path.GetRelativePath(IngestionRoot, f));

    private static string? FolderOf(string file)
    {
        var relative = Path.GetRelativePath(IngestionRoot, file).Split(Path.DirectorySeparatorChar);
        return relative.Length > 1 ? relative[0] : null;
    }

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(IngestionRoot, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    [GeneratedRegex(@"^\| (?<folder>[A-Z]\w+) \| [^|]+ \| (?<uses>[^|]+) \|$", RegexOptions.Multiline)]
    private static partial Regex TableRow();

    [GeneratedRegex(@"^using (?:\w+ = )?CodeUpdates\.Ingestion\.(?<folder>\w+)", RegexOptions.Multiline)]
    private static partial Regex IngestionUsing();

    [GeneratedRegex(@"^using Microsoft\.AspNetCore", RegexOptions.Multiline)]
    private static partial Regex AspNetUsing();
}
