using CodeUpdates.Ingestion.Diff;

namespace CodeUpdates.Ingestion.Reports;

/// <summary>
/// A release that replaced a published file for the same date (a corrections document applied, or a corrected file
/// dropped later): what it replaced, what the corrections document did, and what it changed against the replaced file.
/// </summary>
/// <param name="Corrections">Null when the release is a corrected file rather than a corrections document.</param>
/// <param name="Diff">
/// The release against the file it replaced (<see cref="ReleaseDiffResult.Prior"/> is the replaced one), computed once
/// at publish; null when the replaced file's snapshot was not kept (replaced before snapshots were kept).
/// </param>
public sealed record ReleaseCorrection(ReplacedFile Replaced, CorrectionsDocumentOutcome? Corrections, ReleaseDiffResult? Diff);
