namespace CodeUpdates.Ingestion.Reports;

/// <summary>What a CMS corrections document did, as reports show it.</summary>
/// <param name="Document">The document's blob name.</param>
/// <param name="Applied">Lines applied.</param>
/// <param name="UnappliedCount">Lines not applied, also those past the listed ones.</param>
/// <param name="Unapplied">The lines not applied, in document order (the record keeps the first 50).</param>
public sealed record CorrectionsDocumentOutcome(string Document, int Applied, int UnappliedCount, IReadOnlyList<CorrectionLine> Unapplied);
