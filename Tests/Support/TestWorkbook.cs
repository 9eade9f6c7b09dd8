using System.IO.Compression;
using System.Security;
using System.Text;

namespace CodeUpdates.Tests.Support;

/// <summary>
/// Writes a minimal .xlsx (inline strings, numbers) so tests can build small invented workbooks
/// without a spreadsheet-writing library.
/// </summary>
public static class TestWorkbook
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Rels = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string DocRels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /// <summary>A workbook with one sheet per entry; each row a list of cells (string, number or null).</summary>
    public static byte[] Create(params (string Name, IReadOnlyList<IReadOnlyList<object?>> Rows)[] sheets)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var overrides = new StringBuilder();
            var workbookSheets = new StringBuilder();
            var workbookRels = new StringBuilder();
            for (var i = 1; i <= sheets.Length; i++)
            {
                overrides.Append($"<Override PartName=\"/xl/worksheets/sheet{i}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>");
                workbookSheets.Append($"<sheet name=\"{SecurityElement.Escape(sheets[i - 1].Name)}\" sheetId=\"{i}\" r:id=\"rId{i}\"/>");
                workbookRels.Append($"<Relationship Id=\"rId{i}\" Type=\"{DocRels}/worksheet\" Target=\"worksheets/sheet{i}.xml\"/>");
                Write(zip, $"xl/worksheets/sheet{i}.xml", Sheet(sheets[i - 1].Rows));
            }

            Write(zip, "[Content_Types].xml", $"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>{overrides}</Types>");
            Write(zip, "_rels/.rels", $"<Relationships xmlns=\"{Rels}\"><Relationship Id=\"rId1\" Type=\"{DocRels}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
            Write(zip, "xl/workbook.xml", $"<workbook xmlns=\"{Main}\" xmlns:r=\"{DocRels}\"><sheets>{workbookSheets}</sheets></workbook>");
            Write(zip, "xl/_rels/workbook.xml.rels", $"<Relationships xmlns=\"{Rels}\">{workbookRels}</Relationships>");
        }

        return buffer.ToArray();
    }

    private static string Sheet(IReadOnlyList<IReadOnlyList<object?>> rows)
    {
        var xml = new StringBuilder($"<worksheet xmlns=\"{Main}\"><sheetData>");
        for (var r = 0; r < rows.Count; r++)
        {
            xml.Append($"<row r=\"{r + 1}\">");
            for (var c = 0; c < rows[r].Count; c++)
            {
                var reference = Column(c) + (r + 1);
                switch (rows[r][c])
                {
                    case null:
                        break;
                    case string s:
                        xml.Append($"<c r=\"{reference}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{SecurityElement.Escape(s)}</t></is></c>");
                        break;
                    case IFormattable number:
                        xml.Append($"<c r=\"{reference}\"><v>{number.ToString(null, System.Globalization.CultureInfo.InvariantCulture)}</v></c>");
                        break;
                }
            }

            xml.Append("</row>");
        }

        return xml.Append("</sheetData></worksheet>").ToString();
    }

    private static string Column(int index) =>
        index < 26 ? ((char)('A' + index)).ToString() : Column((index / 26) - 1) + (char)('A' + (index % 26));

    private static void Write(ZipArchive zip, string name, string text)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
        writer.Write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>");
        writer.Write(text);
    }
}
