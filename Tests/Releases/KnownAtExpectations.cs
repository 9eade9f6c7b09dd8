using System.Text.Json.Nodes;
using CodeUpdates.Ingestion.Lookup;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Ingestion.Versions;

namespace CodeUpdates.Tests.Releases;

/// <summary>
/// What a "known at" answer is checked against, computed with no storage and no stamps: the timeline rule over the
/// snapshots of the releases held at that instant alone.
/// </summary>
public static class KnownAtExpectations
{
    /// <summary>Instants every route refuses: a date alone, no offset, a word, a day that does not exist, a space for the T.</summary>
    public static readonly string[] BadInstants = ["2018-03-01", "2018-03-01T12:00:00", "yesterday", "2018-02-30T00:00:00Z", "2018-03-01 12:00Z"];

    /// <summary>The versions of the releases held, applied in order.</summary>
    public static ReleaseStatements Timeline(IEnumerable<ReleaseSnapshot> held)
    {
        var statements = new ReleaseStatements(CodeSystem.Hcpcs);
        foreach (var snapshot in held)
        {
            statements.Apply(snapshot);
        }

        return statements;
    }

    /// <summary>The same as an index, descriptors in name order as storage keeps them (the statements keep the file's order).</summary>
    public static IVersionIndex Index(IEnumerable<ReleaseSnapshot> held)
    {
        var statements = Timeline(held);
        return new VersionIndex(new Dictionary<CodeSystem, SystemVersions>
        {
            [CodeSystem.Hcpcs] = new SystemVersions(
                "expected",
                statements.Codes.Select(c => (IReadOnlyList<CodeVersion>)statements.Versions(c).Select(v => v with { Descriptors = new SortedDictionary<string, string>(v.Descriptors.ToDictionary(), StringComparer.Ordinal) }).ToArray()).ToArray()),
        });
    }

    /// <summary>The JSON changes document of the HCPCS release effective <paramref name="effective"/>, as known at <paramref name="knownAt"/> (null: now).</summary>
    public static async Task<JsonNode> ReleaseChangesAsync(ReleaseCatalog catalog, DateOnly effective, DateTimeOffset? knownAt)
    {
        var query = await catalog.ChangesAsync("hcpcs", IsoDate.Format(effective), "json", knownAt, CancellationToken.None);
        Assert.True(query.Found, query.Refusal?.Detail);
        var file = await catalog.FileAsync(query.Value, CancellationToken.None);
        Assert.True(file.Found, file.Refusal?.Detail);
        return JsonNode.Parse(file.Value.Content)!;
    }

    /// <summary>A JSON answer without what says which state answered, to compare with the computed document.</summary>
    public static JsonNode WithoutKnown(JsonNode json)
    {
        var copy = json.DeepClone().AsObject();
        copy.Remove("knownAt");
        copy.Remove("knownAsOf");
        return copy;
    }
}
