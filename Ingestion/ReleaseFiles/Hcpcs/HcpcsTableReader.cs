using System.Globalization;
using CodeUpdates.Ingestion.ReleaseFiles.Tabular;

namespace CodeUpdates.Ingestion.ReleaseFiles.Hcpcs;

/// <summary>
/// The ANWEB spreadsheet (.xlsx, .xls) and CSV forms: find the header row (the row with HCPC in
/// column A, after any disclaimer rows; in a workbook, the first sheet that has one, whatever its
/// name), map columns by CMS name, and hand each data row, cells turned into text the way the .txt
/// writes them, to the <see cref="HcpcsRecordBuilder"/>. Opening workbooks and splitting CSV is
/// <see cref="SpreadsheetReader"/>'s and <see cref="CsvReader"/>'s.
/// </summary>
internal sealed class HcpcsTableReader(HcpcsRecordBuilder builder)
{
    private const string ExpectedColumns = "expected the CMS ANWEB columns HCPC, SEQNUM, RECID, LONG DESCRIPTION, ...";
    private const string WorkbookHint = "check that it is the ANWEB workbook from CMS, or upload the .txt from the same CMS zip";
    private const int SniffRows = 40;
    private const int SniffBytes = 16 * 1024;

    private static readonly int[] RequiredFields =
        [HcpcsFields.Hcpc, HcpcsFields.RecId, HcpcsFields.LongDescription, HcpcsFields.ShortDescription];

    private readonly string?[] values = new string?[HcpcsFields.Count];
    private int[]? columnOf;

    public bool HasHeader => columnOf is not null;

    /// <summary>Reads the first sheet of a workbook that has an ANWEB header row.</summary>
    public static ReleaseContent ReadWorkbook(string source, byte[] content)
    {
        var builder = new HcpcsRecordBuilder(source);
        var sheets = new List<string>();
        var found = SpreadsheetReader.VisitSheets(
            source,
            content,
            sheet =>
            {
                sheets.Add(sheet.Name);
                builder.Source = $"{source}, sheet '{sheet.Name}'";
                var table = new HcpcsTableReader(builder);
                sheet.ReadRows(table.Row);
                return table.HasHeader;
            },
            WorkbookHint);

        if (!found)
        {
            var names = sheets.Count == 0 ? "the workbook has no sheets" : "sheets: " + string.Join(", ", sheets.Select(s => $"'{s}'"));
            throw new InvalidReleaseException(source, $"no header row with HCPC in column A in any sheet ({names}); {ExpectedColumns}");
        }

        return builder.Finish();
    }

    /// <summary>Reads the ANWEB columns saved as CSV (UTF-8 or cp1252).</summary>
    public static ReleaseContent ReadCsv(string source, byte[] content)
    {
        var builder = new HcpcsRecordBuilder(source);
        var table = new HcpcsTableReader(builder);
        foreach (var row in CsvReader.ReadFile(source, content))
        {
            table.Row(row.Fields, row.Line);
        }

        if (!table.HasHeader)
        {
            throw new InvalidReleaseException(source, $"no header row with HCPC in column A; {ExpectedColumns}");
        }

        return builder.Finish();
    }

    /// <summary>Whether a workbook has an ANWEB header row (HCPC in column A, RECID beside it) near the top of a sheet. Never throws.</summary>
    public static bool WorkbookLooksLikeAnweb(byte[] content)
    {
        try
        {
            return SpreadsheetReader.VisitSheets("workbook", content, sheet =>
            {
                var header = false;
                sheet.ReadRows((cells, _) => header |= IsAnwebHeader(cells), SniffRows, () => header);
                return header;
            });
        }
        catch (Exception)
        {
            return false;
        }
    }

    /// <summary>Whether the opening rows of a CSV have an ANWEB header (HCPC in column A, RECID beside it). Never throws.</summary>
    public static bool CsvLooksLikeAnweb(byte[] content)
    {
        try
        {
            return CsvReader.ReadRows(TextDecoder.Decode(content, SniffBytes)).Take(SniffRows).Any(cells => IsAnwebHeader(cells));
        }
        catch (Exception)
        {
            // A file we cannot even split into rows (a quote never closed in the sniffed part) is not an ANWEB CSV.
            return false;
        }
    }

    private static bool IsAnwebHeader(ReadOnlySpan<object?> cells)
    {
        if (!IsHeader(cells))
        {
            return false;
        }

        foreach (var cell in cells)
        {
            if (cell is string s && HcpcsFields.FromHeader(s) == HcpcsFields.RecId)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a row is the header row: HCPC in column A.</summary>
    public static bool IsHeader(ReadOnlySpan<object?> cells) =>
        cells.Length > 0 && cells[0] is string first && first.AsSpan().Trim().Equals("HCPC", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads one row (1-based <paramref name="rowNumber"/>): the header row once it appears, then the data rows.</summary>
    public void Row(ReadOnlySpan<object?> cells, int rowNumber)
    {
        if (columnOf is null)
        {
            if (IsHeader(cells))
            {
                columnOf = MapColumns(cells, rowNumber);
            }

            return;
        }

        var any = false;
        for (var field = 0; field < HcpcsFields.Count; field++)
        {
            var column = columnOf[field];
            var text = column >= 0 && column < cells.Length ? CellText(cells[column], HcpcsFields.IsDate[field]) : null;
            values[field] = text;
            any |= !string.IsNullOrWhiteSpace(text);
        }

        if (any)
        {
            builder.Add(new TableRow(values), rowNumber);
        }
    }

    /// <summary>
    /// A cell as the fixed-width file would write it: numbers without a trailing ".0" (PRICE 11, not 11.0);
    /// dates (a date cell, an Excel serial number, or yyyyMMdd as a number) as yyyyMMdd.
    /// </summary>
    internal static string? CellText(object? cell, bool isDate) => cell switch
    {
        null or DBNull => null,
        DateTime d => d.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
        double d when isDate => DateNumber(d),
        _ => SpreadsheetReader.Format(cell),
    };

    private static string DateNumber(double value)
    {
        // 20190101 is yyyyMMdd written as a number; anything in Excel's date range is a serial day number.
        if (value >= 10_000_000 || value < 1 || value >= 2_958_466)
        {
            return value.ToString(CultureInfo.InvariantCulture);
        }

        return DateTime.FromOADate(value).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
    }

    private int[] MapColumns(ReadOnlySpan<object?> cells, int rowNumber)
    {
        var map = new int[HcpcsFields.Count];
        Array.Fill(map, -1);
        for (var column = 0; column < cells.Length; column++)
        {
            var field = HcpcsFields.FromHeader(CellText(cells[column], isDate: false));
            if (field >= 0 && map[field] < 0)
            {
                map[field] = column;
            }
        }

        var missing = RequiredFields.Where(f => map[f] < 0).Select(f => HcpcsFields.Names[f]).ToArray();
        if (missing.Length > 0)
        {
            throw new InvalidReleaseException(
                builder.Source,
                $"the header row has no column {string.Join(", ", missing)}; expected the CMS ANWEB columns (HCPC, SEQNUM, RECID, LONG DESCRIPTION, SHORT DESCRIPTION, ...)",
                rowNumber);
        }

        return map;
    }

    private readonly struct TableRow(string?[] values) : IHcpcsRow
    {
        public ReadOnlySpan<char> Field(int field) => values[field];
    }
}
