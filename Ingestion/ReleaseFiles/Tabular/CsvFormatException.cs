namespace CodeUpdates.Ingestion.ReleaseFiles.Tabular;

/// <summary>A quoted field that never closes: the rest of the file would silently become one cell.</summary>
public sealed class CsvFormatException(int line, string message) : FormatException(message)
{
    public int Line { get; } = line;
}
