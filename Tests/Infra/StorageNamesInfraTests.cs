using CodeUpdates.Ingestion.Storage;
using CodeUpdates.Tests.Support;
using System.Text.RegularExpressions;

namespace CodeUpdates.Tests.Infra;

/// <summary>
/// The code's <see cref="StorageNames"/> is the one list of containers, tables and queues; the
/// Bicep that creates them in Azure must create exactly those (and the poison queue the host
/// moves failing messages to), nothing the code no longer uses.
/// </summary>
public sealed partial class StorageNamesInfraTests
{
    private static readonly string Bicep = File.ReadAllText(Path.Combine(RepoPaths.Root, "infra", "modules", "storage.bicep"));

    [Fact]
    public void Infra_creates_exactly_the_tables_the_code_names()
    {
        Assert.Equal(StorageNames.Tables.Order(StringComparer.Ordinal), ArrayVariable("tableNames").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Infra_creates_exactly_the_queues_the_code_names_and_their_poison_queues()
    {
        var expected = StorageNames.Queues.SelectMany(q => new[] { q, q + "-poison" }).Order(StringComparer.Ordinal);
        Assert.Equal(expected, ArrayVariable("queueNames").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Infra_creates_every_container_the_code_names()
    {
        var containers = ContainerName().Matches(Bicep).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);
        Assert.Subset(containers, StorageNames.Containers.ToHashSet(StringComparer.Ordinal));
    }

    private static IReadOnlyList<string> ArrayVariable(string name)
    {
        var body = Regex.Match(Bicep, $@"var {name} = \[(?<items>[^\]]*)\]").Groups["items"].Value;
        Assert.False(string.IsNullOrWhiteSpace(body), $"storage.bicep has no array variable {name}");
        return Quoted().Matches(body).Select(m => m.Groups["value"].Value).ToArray();
    }

    [GeneratedRegex(@"'(?<value>[^']*)'")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"containers@[0-9-]+' = \{[^}]*?name: '(?<name>[^']+)'", RegexOptions.Singleline)]
    private static partial Regex ContainerName();
}
