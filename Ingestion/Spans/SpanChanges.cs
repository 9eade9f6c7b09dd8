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
    IReadOnlyList<SpanChange> Changes);
