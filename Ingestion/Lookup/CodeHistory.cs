using System.Text.Json.Serialization;
using CodeUpdates.Ingestion.Diff;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Versions;

namespace CodeUpdates.Ingestion.Lookup;

public sealed record CodeHistory(
    string System,
    string Code,
    string Kind,
    DateOnly ValidFrom,
    DateOnly? ValidTo,
    IReadOnlyList<string> ReplacedBy,
    IReadOnlyList<VersionEntry> Versions)
{
    /// <summary>The instant asked about, when the history is the one the system held then.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? KnownAt { get; init; }

    /// <summary>With <see cref="KnownAt"/>: when the release the system answered from at that instant was published.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? KnownAsOf { get; init; }

    /// <summary>With <c>include=superseded</c>: the versions a correction or a later release replaced, with when they were known.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<SupersededVersion>? Superseded { get; init; }

    public static CodeHistory From(IReadOnlyList<CodeVersion> versions)
    {
        var latest = versions[^1];
        return new CodeHistory(
            latest.System.Name(),
            latest.Code,
            latest.Kind.Name(),
            latest.ValidFrom,
            latest.ValidTo,
            latest.ReplacedBy,
            versions.Select((v, i) => new VersionEntry(
                v.Start, v.End, v.Release,
                v.Descriptors.GetValueOrDefault(DescriptorKind.Long), v.Descriptors.GetValueOrDefault(DescriptorKind.Short), v.Descriptors,
                i == 0 ? [] : Changes(versions[i - 1], v)) { Reused = v.Reused ? true : null }).ToArray());
    }

    /// <summary>As a release diff compares text: only the descriptors both versions carry, in the later version's order.</summary>
    private static IReadOnlyList<TextRevision> Changes(CodeVersion before, CodeVersion after) =>
        ReleaseDiff.TextRevisions(before.Descriptors, after.Descriptors, after.Descriptors.Keys.Where(before.Descriptors.ContainsKey));
}
