using System.Globalization;
using CodeUpdates.Ingestion.Answers;
using SpreadCheetah;
using SpreadCheetah.Styling;
using SpreadCheetah.Worksheets;

namespace CodeUpdates.Ingestion.Reports;

/// <summary>
/// Writes a workbook with SpreadCheetah, streaming row by row. Text cells are inline strings,
/// so nothing a release says can become a formula; cells that begin with = + - @ are also
/// formatted as Text (@), so a user who edits one does not turn it into a formula. Numbers
/// are number cells. Text loses the characters XML 1.0 cannot carry (<see cref="XmlChars"/>): a
/// sheet with one is not well-formed and spreadsheet programs refuse the workbook.
/// </summary>
public static class XlsxWriter
{
    public static async Task WriteAsync(Stream destination, IReadOnlyList<XlsxSheet> sheets, CancellationToken cancellationToken)
    {
        await using var workbook = await Spreadsheet.CreateNewAsync(
            destination, new SpreadCheetahOptions { CompressionLevel = SpreadCheetahCompressionLevel.Fastest }, cancellationToken);
        var bold = workbook.AddStyle(new Style { Font = { Bold = true } });
        var text = workbook.AddStyle(new Style { Format = NumberFormat.Standard(StandardNumberFormat.Text) });
        foreach (var sheet in sheets)
        {
            await workbook.StartWorksheetAsync(SheetName(sheet.Name), new WorksheetOptions { FrozenRows = 1 }, cancellationToken);
            await workbook.AddRowAsync(sheet.Header.Select(value => Cell(value, bold, null)).ToArray(), cancellationToken);
            foreach (var row in sheet.Rows)
            {
                await workbook.AddRowAsync(row.Select(value => Cell(value, null, text)).ToArray(), cancellationToken);
            }
        }

        await workbook.FinishAsync(cancellationToken);
    }

    /// <summary>Excel's rules: at most 31 characters, none of : \ / ? * [ ].</summary>
    public static string SheetName(string name)
    {
        var clean = new string(XmlChars.Clean(name).Where(c => ":\\/?*[]".IndexOf(c) < 0).ToArray());
        return clean.Length > 31 ? clean[..31] : clean;
    }

    /// <summary>Text a spreadsheet program would read as a formula when typed: = + - @ first.</summary>
    public static bool NeedsQuotePrefix(string value) => value.Length > 0 && value[0] is '=' or '+' or '-' or '@';

    /// <param name="style">Every cell's style (the header's bold), or null.</param>
    /// <param name="formulaLike">The style of text that begins like a formula, or null.</param>
    private static Cell Cell(object? value, StyleId? style, StyleId? formulaLike) => value switch
    {
        null => new Cell(),
        double number => new Cell(number, style),
        int number => new Cell(number, style),
        long number => new Cell(number, style),
        decimal number => new Cell(number, style),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) is { Length: > 0 } text
            ? new Cell(XmlChars.Clean(text), NeedsQuotePrefix(text) ? formulaLike ?? style : style)
            : new Cell(),
    };
}
