using System.Globalization;
using ExcelDataReader;

namespace CodeUpdates.Ingestion.Releases.Tabular;

/// <summary>One worksheet as text cells; <see cref="Rows"/>[i] is spreadsheet row i + 1.</summary>
public sealed record Worksheet(string Name, IReadOnlyList<string[]> Rows);

/// <summary>Takes one row's cells as ExcelDataReader gives them (string, double, DateTime, ...); the span is reused for the next row.</summary>
public delegate void SpreadsheetRowHandler(ReadOnlySpan<object?> cells, int rowNumber);

/// <summary>One sheet of an open workbook, read row by row without holding the rows.</summary>
public sealed class SpreadsheetSheet
{
    private readonly IExcelDataReader reader;

    internal SpreadsheetSheet(IExcelDataReader reader, int index)
    {
        this.reader = reader;
        Name = reader.Name ?? $"sheet {index + 1}";
    }

    public string Name { get; }

    /// <summary>Hands each row (1-based number) to <paramref name="handle"/>, at most <paramref name="maxRows"/>, stopping early once <paramref name="stop"/> says so.</summary>
    public void ReadRows(SpreadsheetRowHandler handle, int maxRows = int.MaxValue, Func<bool>? stop = null)
    {
        var cells = new object?[Math.Max(reader.FieldCount, 1)];
        var rowNumber = 0;
        while (rowNumber < maxRows && !(stop?.Invoke() ?? false) && reader.Read())
        {
            rowNumber++;
            var count = Math.Min(reader.FieldCount, cells.Length);
            for (var i = 0; i < count; i++)
            {
                cells[i] = reader.GetValue(i);
            }

            handle(cells.AsSpan(0, count), rowNumber);
        }
    }
}

/// <summary>
/// Reads .xlsx and .xls workbooks with ExcelDataReader, for every release reader. Anything the
/// library cannot open becomes an <see cref="InvalidReleaseException"/> ("not a spreadsheet"),
/// never the library's own message; a fault in the caller's code stays a fault.
/// </summary>
public static class SpreadsheetReader
{
    private const string DefaultHint = "open it in Excel and save it again, or export it as .csv";

    /// <summary>The rows of every sheet as text cells (see <see cref="Format"/>); at most <paramref name="maxRowsPerSheet"/> rows a sheet (for sniffing).</summary>
    public static IReadOnlyList<Worksheet> Read(string source, byte[] content, int maxRowsPerSheet = int.MaxValue)
    {
        var sheets = new List<Worksheet>();
        VisitSheets(source, content, sheet =>
        {
            var rows = new List<string[]>();
            sheet.ReadRows((cells, _) =>
            {
                var text = new string[cells.Length];
                for (var i = 0; i < text.Length; i++)
                {
                    text[i] = Format(cells[i]);
                }

                rows.Add(text);
            },
            maxRowsPerSheet);
            sheets.Add(new Worksheet(sheet.Name, rows));
            return false;
        });
        return sheets;
    }

    /// <summary>
    /// Opens the workbook and hands its sheets, in order, to <paramref name="visit"/> until it returns
    /// true; returns whether one did. <paramref name="hint"/> ends the "not a spreadsheet" message.
    /// </summary>
    /// <exception cref="InvalidReleaseException">The bytes are not a workbook ExcelDataReader can read.</exception>
    public static bool VisitSheets(string source, byte[] content, Func<SpreadsheetSheet, bool> visit, string hint = DefaultHint)
    {
        try
        {
            // ExcelReaderConfiguration's constructor already asks for cp1252, so register the code pages first.
            var fallback = CodePages.Cp1252;
            using var stream = new MemoryStream(content, writable: false);
            using var reader = ExcelReaderFactory.CreateReader(stream, new ExcelReaderConfiguration { FallbackEncoding = fallback });
            var index = 0;
            do
            {
                if (visit(new SpreadsheetSheet(reader, index++)))
                {
                    return true;
                }
            }
            while (reader.NextResult());

            return false;
        }
        catch (InvalidReleaseException)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException && ex.TargetSite?.Module.Assembly != typeof(SpreadsheetReader).Assembly)
        {
            // Only what the library (or the runtime under it) throws about the bytes.
            throw new InvalidReleaseException(source, $"not a spreadsheet: the file is not a readable Excel workbook (.xlsx or .xls); {hint}");
        }
    }

    /// <summary>A cell as text: numbers without exponent or grouping (99213, not 99213.0), dates as yyyy-MM-dd.</summary>
    public static string Format(object? value) => value switch
    {
        null or DBNull => string.Empty,
        string s => s,
        double d when d == Math.Floor(d) && Math.Abs(d) < 1e15 => d.ToString("0", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTime dt => dt.TimeOfDay == TimeSpan.Zero
            ? dt.ToString(IsoDate.Pattern, CultureInfo.InvariantCulture)
            : dt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
