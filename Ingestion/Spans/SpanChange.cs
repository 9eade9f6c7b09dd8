using CodeUpdates.Ingestion.Diff;

namespace CodeUpdates.Ingestion.Spans;

/// <summary>One code's row of a span's changes.</summary>
/// <param name="Descriptors">For <c>revised</c>, the descriptors whose text in force differs (white space collapsed); else empty.</param>
/// <param name="Before">The code on <c>from</c>; null only for a code no loaded release has.</param>
/// <param name="After">The code on <c>to</c>; null only for a code no loaded release has.</param>
/// <param name="ReplacedBy">The codes the latest release that has the code names as its replacements.</param>
/// <param name="ValidTo">The code's last valid day (inclusive), null while open or for an unknown code.</param>
/// <param name="Revisions">For <c>revised</c>, each differing descriptor with its removed and inserted words marked.</param>
public sealed record SpanChange(
    string Code,
    SpanChangeKind Change,
    IReadOnlyList<string> Descriptors,
    SpanSide? Before,
    SpanSide? After,
    IReadOnlyList<string> ReplacedBy,
    DateOnly? ValidTo,
    IReadOnlyList<TextRevision> Revisions);
