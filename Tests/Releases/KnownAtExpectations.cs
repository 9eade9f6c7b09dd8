using System.Text.Json.Nodes;
using CodeUpdates.Ingestion.Lookup;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Versions;

namespace CodeUpdates.Tests.Releases;

/// <summary>
/// What a "known at" answer is checked against, computed with no storage and no stamps: the timeline rule over the
/// snapshots of the releases held at that instant alone.
/// </summary>
public static class KnownAtExpectations
{
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

    /// <summary>A JSON answer without what says which state answered, to compare with the computed document.</summary>
    public static JsonNode WithoutKnown(JsonNode json)
    {
        var copy = json.DeepClone().AsObject();
        copy.Remove("knownAt");
        copy.Remove("knownAsOf");
        return copy;
    }
}
