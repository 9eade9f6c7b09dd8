namespace CodeUpdates.Ingestion.ReleaseFiles.Cpt;

/// <summary>One row of a table: its 1-based line (text) or row (spreadsheet) number and its cells.</summary>
internal sealed record TableRow(int Line, string[] Cells);
