using System.Text.Json.Serialization;

namespace CodeUpdates.Ingestion.Spans;

/// <summary>The net change of one system between two service dates: the JSON answer of <c>/api/changes/{system}</c>.</summary>
/// <param name="Releases">Effective dates of the loaded releases in (from, to], oldest first.</param>
/// <param name="Counts">Rows by change, in <see cref="SpanChangeKind"/> order: added, deleted and revised always; unchanged, invalid and unknown for a code list.</param>
/// <param name="Changes">One row a change, by code; with a code list one row a listed code.</param>
public sealed record SpanChanges(
    string System,
    DateOnly From,
    DateOnly To,
    IReadOnlyList<DateOnly> Releases,
    IReadOnlyDictionary<string, int> Counts,
    IReadOnlyList<SpanChange> Changes)
{
    /// <summary>The instant the span was asked as known at (<c>knownAt</c>); absent for the present.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? KnownAt { get; init; }

    /// <summary>With <see cref="KnownAt"/>: when the release the system answered from at that instant was published.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? KnownAsOf { get; init; }
}
