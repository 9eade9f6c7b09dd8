namespace CodeUpdates.Ingestion.Reports;

/// <summary>
/// The <c>correction</c> section of a corrected release's changes document: what it replaced, the corrections document's
/// outcome, and its changes against the replaced file, listed as a release's changes are.
/// </summary>
/// <param name="Summary">Null (with <paramref name="Changes"/>) when the replaced file's snapshot was not kept.</param>
public sealed record ChangeReportCorrection(
    ReplacedFile Replaced,
    CorrectionsDocumentOutcome? Corrections,
    Diff.ChangeSummary? Summary,
    IReadOnlyList<ChangeEntry>? Changes)
{
    public static ChangeReportCorrection From(ReleaseCorrection correction) => new(
        correction.Replaced,
        correction.Corrections,
        correction.Diff?.Summary,
        correction.Diff?.Changes.Select(ChangeEntry.From).ToArray());
}
