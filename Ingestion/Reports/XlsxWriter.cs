using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;

namespace CodeUpdates.Ingestion.Reports;

/// <summary>
/// A sheet: the first row is the header (bold, frozen). A cell is text, a number (double, int,
/// long or decimal), or null for an empty cell.
/// </summary>
public sealed record XlsxSheet(string Name, IReadOnlyList<object?> Header, IEnumerable<IReadOnlyList<object?>> Rows);

/// <summary>
/// Writes a minimal Office Open XML workbook. Text cells are inline strings, so nothing a
/// release says can become a formula; cells that begin with = + - @ also get Excel's quote
/// prefix so a user who edits them does not turn them into one. Numbers are number cells.
/// </summary>
public static class XlsxWriter
{
    private const string SheetNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    public static byte[] Write(IReadOnlyList<XlsxSheet> sheets)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Entry(zip, "[Content_Types].xml", ContentTypes(sheets.Count));
            Entry(zip, "_rels/.rels",
                $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{RelNs}/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Entry(zip, "xl/workbook.xml", Workbook(sheets));
            Entry(zip, "xl/_rels/workbook.xml.rels", WorkbookRels(sheets.Count));
            Entry(zip, "xl/styles.xml", Styles);
            for (var i = 0; i < sheets.Count; i++)
            {
                using var stream = zip.CreateEntry($"xl/worksheets/sheet{i + 1}.xml", CompressionLevel.Fastest).Open();
                using var writer = new StreamWriter(stream, new UTF8Encoding(false));
                WriteSheet(writer, sheets[i]);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Excel's rules: at most 31 characters, none of : \ / ? * [ ].</summary>
    public static string SheetName(string name)
    {
        var clean = new string(name.Where(c => ":\\/?*[]".IndexOf(c) < 0).ToArray());
        return clean.Length > 31 ? clean[..31] : clean;
    }

    public static bool NeedsQuotePrefix(string value) => value.Length > 0 && value[0] is '=' or '+' or '-' or '@';

    private static void WriteSheet(StreamWriter writer, XlsxSheet sheet)
    {
        writer.Write($"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{SheetNs}"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>""");
        var rowNumber = 1;
        WriteRow(writer, rowNumber++, sheet.Header, header: true);
        foreach (var row in sheet.Rows)
        {
            WriteRow(writer, rowNumber++, row, header: false);
        }

        writer.Write("</sheetData></worksheet>");
    }

    private static void WriteRow(StreamWriter writer, int rowNumber, IReadOnlyList<object?> cells, bool header)
    {
        writer.Write($"<row r=\"{rowNumber}\">");
        for (var c = 0; c < cells.Count; c++)
        {
            if (cells[c] is double or int or long or decimal)
            {
                var number = ((IFormattable)cells[c]!).ToString(null, CultureInfo.InvariantCulture);
                writer.Write($"<c r=\"{ColumnName(c)}{rowNumber}\"{(header ? " s=\"1\"" : string.Empty)}><v>{number}</v></c>");
                continue;
            }

            var value = cells[c] as string ?? (cells[c] is { } other ? Convert.ToString(other, CultureInfo.InvariantCulture) : null);
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            // Style 1 is bold (header), style 2 marks text that must never be read as a formula.
            var style = header ? " s=\"1\"" : NeedsQuotePrefix(value) ? " s=\"2\"" : string.Empty;
            writer.Write($"<c r=\"{ColumnName(c)}{rowNumber}\" t=\"inlineStr\"{style}><is><t xml:space=\"preserve\">");
            writer.Write(SecurityElement.Escape(StripInvalidXml(value)));
            writer.Write("</t></is></c>");
        }

        writer.Write("</row>");
    }

    private static string StripInvalidXml(string value) =>
        value.Any(ch => ch < 0x20 && ch is not '\t' and not '\n' and not '\r')
            ? new string(value.Where(ch => ch >= 0x20 || ch is '\t' or '\n' or '\r').ToArray())
            : value;

    public static string ColumnName(int index)
    {
        var name = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    private static void Entry(ZipArchive zip, string name, string content)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        var bytes = Encoding.UTF8.GetBytes(content);
        stream.Write(bytes);
    }

    private static string ContentTypes(int sheetCount)
    {
        var sheets = string.Concat(Enumerable.Range(1, sheetCount).Select(i =>
            $"""<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"""));
        return $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>{sheets}</Types>""";
    }

    private static string Workbook(IReadOnlyList<XlsxSheet> sheets)
    {
        var entries = string.Concat(sheets.Select((s, i) =>
            $"""<sheet name="{SecurityElement.Escape(SheetName(s.Name))}" sheetId="{i + 1}" r:id="rId{i + 1}"/>"""));
        return $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="{SheetNs}" xmlns:r="{RelNs}"><sheets>{entries}</sheets></workbook>""";
    }

    private static string WorkbookRels(int sheetCount)
    {
        var rels = string.Concat(Enumerable.Range(1, sheetCount).Select(i =>
            $"""<Relationship Id="rId{i}" Type="{RelNs}/worksheet" Target="worksheets/sheet{i}.xml"/>"""));
        return $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}<Relationship Id="rId{sheetCount + 1}" Type="{RelNs}/styles" Target="styles.xml"/></Relationships>""";
    }

    private const string Styles =
        $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="{SheetNs}"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1" applyNumberFormat="1"/></cellXfs></styleSheet>""";
}
