namespace CodeUpdates.Ingestion.ReleaseFiles.Tabular;

/// <summary>A CSV record and the 1-based line of the text it starts on (quoted fields may span lines).</summary>
public sealed record CsvRow(int Line, string[] Fields);
