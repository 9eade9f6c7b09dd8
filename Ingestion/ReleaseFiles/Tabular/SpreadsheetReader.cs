using System.Globalization;
using ExcelDataReader;

namespace CodeUpdates.Ingestion.ReleaseFiles.Tabular;

/// <summary>
/// Reads .xlsx and .xls workbooks with ExcelDataReader, for every release reader. What the
/// library says about the bytes becomes an <see cref="InvalidReleaseException"/> ("not a
/// spreadsheet"), never the library's own message; a fault in the caller's code stays a fault.
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
        // ExcelReaderConfiguration's constructor already asks for cp1252, so register the code pages first.
        var fallback = CodePages.Cp1252;
        EnsurePartsFit(source, content);
        using var stream = new MemoryStream(content, writable: false);
        using var reader = Library(source, hint, () => ExcelReaderFactory.CreateReader(stream, new ExcelReaderConfiguration { FallbackEncoding = fallback }));
        var index = 0;
        do
        {
            // The visitor is ours too: what it throws propagates as it is.
            if (visit(new SpreadsheetSheet(reader, index++, source, hint)))
            {
                return true;
            }
        }
        while (Library(source, hint, reader.NextResult));

        return false;
    }

    /// <summary>
    /// An .xlsx is a zip: each part is decompressed once, counted as it is read (the sizes its directory
    /// claims are not trusted), under the same limits as the files of a release zip, before
    /// ExcelDataReader opens the workbook and loads its shared strings whole. An .xls, or bytes that
    /// are no zip, are left to the library's verdict.
    /// </summary>
    /// <exception cref="InvalidReleaseException">A part, or all of them, expand past the limits.</exception>
    private static void EnsurePartsFit(string source, byte[] content)
    {
        if (content.Length < 4 || content[0] != 'P' || content[1] != 'K')
        {
            return;
        }

        try
        {
            using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(content, writable: false), System.IO.Compression.ZipArchiveMode.Read);
            var budget = new ZipBudget(source, "workbook", "part");
            foreach (var entry in zip.Entries)
            {
                budget.Measure(entry);
            }
        }
        catch (InvalidDataException)
        {
            // A damaged zip: ExcelDataReader says "not a spreadsheet" when it tries to open it.
        }
    }

    /// <summary>
    /// Runs one call into ExcelDataReader. Only the library's verdicts on the bytes (its own
    /// exceptions, and the zip, XML and stream errors of a damaged workbook) become "not a
    /// spreadsheet"; anything else (a bug, here or there) stays a fault, is retried and logged.
    /// </summary>
    internal static T Library<T>(string source, string hint, Func<T> call)
    {
        try
        {
            return call();
        }
        catch (Exception ex) when (IsFormatProblem(ex))
        {
            throw new InvalidReleaseException(source, $"not a spreadsheet: the file is not a readable Excel workbook (.xlsx or .xls); {hint}");
        }
    }

    private static bool IsFormatProblem(Exception ex) =>
        ex is ExcelDataReader.Exceptions.ExcelReaderException or InvalidDataException or System.Xml.XmlException or EndOfStreamException;

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
