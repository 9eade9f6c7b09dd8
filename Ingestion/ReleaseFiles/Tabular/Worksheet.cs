namespace CodeUpdates.Ingestion.ReleaseFiles.Tabular;

/// <summary>One worksheet as text cells; <see cref="Rows"/>[i] is spreadsheet row i + 1.</summary>
public sealed record Worksheet(string Name, IReadOnlyList<string[]> Rows);

/// <summary>Takes one row's cells as ExcelDataReader gives them (string, double, DateTime, ...); the span is reused for the next row.</summary>
public delegate void SpreadsheetRowHandler(ReadOnlySpan<object?> cells, int rowNumber);
