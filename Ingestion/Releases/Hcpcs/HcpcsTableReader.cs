using System.Globalization;

namespace CodeUpdates.Ingestion.Releases.Hcpcs;

/// <summary>
/// The part the spreadsheet and CSV forms share: find the header row (the row with HCPC in
/// column A, after any disclaimer rows), map columns by CMS name, and hand each data row,
/// cells turned into text the way the .txt writes them, to the <see cref="HcpcsRecordBuilder"/>.
/// </summary>
internal sealed class HcpcsTableReader(HcpcsRecordBuilder builder)
{
    private static readonly int[] RequiredFields =
        [HcpcsFields.Hcpc, HcpcsFields.RecId, HcpcsFields.LongDescription, HcpcsFields.ShortDescription];

    private readonly string?[] values = new string?[HcpcsFields.Count];
    private int[]? columnOf;

    public bool HasHeader => columnOf is not null;

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
        string s => s,
        DateTime d => d.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
        double d when isDate => DateNumber(d),
        double d => d.ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString(),
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
