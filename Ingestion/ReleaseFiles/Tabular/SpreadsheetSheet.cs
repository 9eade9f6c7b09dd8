using System.Globalization;
using ExcelDataReader;

namespace CodeUpdates.Ingestion.ReleaseFiles.Tabular;

/// <summary>One sheet of an open workbook, read row by row without holding the rows.</summary>
public sealed class SpreadsheetSheet
{
    private readonly IExcelDataReader reader;
    private readonly string source;
    private readonly string hint;

    internal SpreadsheetSheet(IExcelDataReader reader, int index, string source, string hint)
    {
        this.reader = reader;
        this.source = source;
        this.hint = hint;
        Name = SpreadsheetReader.Library(source, hint, () => reader.Name) ?? $"sheet {index + 1}";
    }

    public string Name { get; }

    /// <summary>
    /// Hands each row (1-based number) to <paramref name="handle"/>, at most <paramref name="maxRows"/>, stopping early once <paramref name="stop"/> says so.
    /// A sheet with more than <see cref="TextLimits.MaxLines"/> rows is rejected as the row past the cap is reached.
    /// </summary>
    /// <exception cref="InvalidReleaseException">The sheet has more rows than any release.</exception>
    public void ReadRows(SpreadsheetRowHandler handle, int maxRows = int.MaxValue, Func<bool>? stop = null)
    {
        var cells = new object?[Math.Max(SpreadsheetReader.Library(source, hint, () => reader.FieldCount), 1)];
        var rowNumber = 0;
        while (rowNumber < maxRows && !(stop?.Invoke() ?? false) && SpreadsheetReader.Library(source, hint, reader.Read))
        {
            if (++rowNumber > TextLimits.MaxLines)
            {
                throw new InvalidReleaseException(source, $"sheet '{Name}' has more than {TextLimits.MaxLines:N0} rows, far more than any release (CMS's largest has under 20,000); check that this is the release workbook", rowNumber);
            }

            var count = SpreadsheetReader.Library(source, hint, () =>
            {
                var fields = Math.Min(reader.FieldCount, cells.Length);
                for (var i = 0; i < fields; i++)
                {
                    cells[i] = reader.GetValue(i);
                }

                return fields;
            });

            // The handler is ours: whatever it throws is a fault, never a verdict on the file.
            handle(cells.AsSpan(0, count), rowNumber);
        }
    }
}
