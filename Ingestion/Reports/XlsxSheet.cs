namespace CodeUpdates.Ingestion.Reports;

/// <summary>
/// A sheet: the first row is the header (bold, frozen). A cell is text, a number (double, int,
/// long or decimal), or null for an empty cell.
/// </summary>
public sealed record XlsxSheet(string Name, IReadOnlyList<object?> Header, IEnumerable<IReadOnlyList<object?>> Rows);
