using CodeUpdates.Ingestion.Diff;

namespace CodeUpdates.Ingestion.Lookup;

/// <summary>One entry of a code's history.</summary>
/// <param name="Changes">The descriptors whose text differs from the version before, with the removed and inserted words marked; empty for the first.</param>
public sealed record VersionEntry(
    DateOnly Start,
    DateOnly? End,
    DateOnly Release,
    string? LongDescription,
    string? ShortDescription,
    IReadOnlyDictionary<string, string> Descriptors,
    IReadOnlyList<TextRevision> Changes)
{
    /// <summary>True on the version that starts a new meaning CMS gave the code (reused); omitted otherwise.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public bool? Reused { get; init; }
}
