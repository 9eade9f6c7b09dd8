using System.Globalization;
using ExcelDataReader;

namespace CodeUpdates.Ingestion.Releases.Tabular;

/// <summary>One worksheet as text cells; <see cref="Rows"/>[i] is spreadsheet row i + 1.</summary>
public sealed record Worksheet(string Name, IReadOnlyList<string[]> Rows);

/// <summary>
/// Reads .xlsx and .xls workbooks into text cells with ExcelDataReader. Numbers are written
/// without exponent or grouping (99213, not 99213.0), dates as yyyy-MM-dd. Anything the library
/// cannot open becomes an <see cref="InvalidReleaseException"/>, never the library's own message.
/// </summary>
public static class SpreadsheetReader
{
    public static IReadOnlyList<Worksheet> Read(string source, byte[] content)
    {
        CodePages.EnsureRegistered();
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            using var reader = ExcelReaderFactory.CreateReader(stream);
            var sheets = new List<Worksheet>();
            do
            {
                var rows = new List<string[]>();
                while (reader.Read())
                {
                    var cells = new string[reader.FieldCount];
                    for (var i = 0; i < cells.Length; i++)
                    {
                        cells[i] = Format(reader.GetValue(i));
                    }

                    rows.Add(cells);
                }

                sheets.Add(new Worksheet(reader.Name ?? $"sheet {sheets.Count + 1}", rows));
            }
            while (reader.NextResult());

            return sheets;
        }
        catch (Exception ex) when (ex is not InvalidReleaseException and not OutOfMemoryException)
        {
            throw new InvalidReleaseException(source, "the file is not a readable Excel workbook (.xlsx or .xls); open it in Excel and save it again, or export it as .csv");
        }
    }

    public static string Format(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        double d when d == Math.Floor(d) && Math.Abs(d) < 1e15 => d.ToString("0", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTime dt => dt.TimeOfDay == TimeSpan.Zero
            ? dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : dt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
