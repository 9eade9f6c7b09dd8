using System.IO.Compression;
using System.Security;
using System.Text;
using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Ingestion.Releases.Tabular;
using CodeUpdates.Tests.Support;

namespace CodeUpdates.Tests.Releases;

/// <summary>The invented CPT releases under Fixtures/cpt (see its README.md) in every form the reader takes.</summary>
internal static class CptFixtures
{
    public static readonly string[] TextFiles = ["LONGULT.txt", "MEDU.txt", "SHORTU.txt", "ConsumerDescriptor.txt", "ClinicianDescriptor.txt"];

    public static ReleaseMember Member(int year, string file) =>
        new($"cpt/{year}/{file}", File.ReadAllBytes(RepoPaths.Fixture($"cpt/{year}/{file}")));

    public static IReadOnlyList<ReleaseMember> TextMembers(int year) => TextFiles.Select(f => Member(year, f)).ToArray();

    public static ReleaseMember Csv2026 => Member(2026, "cpt-2026-descriptors.csv");

    /// <summary>The AMA-style zip: the five text files under <c>CPT {year}/</c>, plus a PDF and a README that are not data.</summary>
    public static byte[] Zip(int year, IEnumerable<string>? files = null, bool withDocuments = true)
    {
        var entries = (files ?? TextFiles).Select(f => ($"CPT {year}/{f}", File.ReadAllBytes(RepoPaths.Fixture($"cpt/{year}/{f}")))).ToList();
        if (withDocuments)
        {
            entries.Add(($"CPT {year}/AMA CPT {year} Data File ReadMe.pdf", Encoding.ASCII.GetBytes("%PDF-1.4 not a real pdf, junk for tests")));
            entries.Add(("README.txt", Encoding.ASCII.GetBytes("Invented sample release for tests.\n")));
        }

        return ZipOf(entries);
    }

    public static byte[] ZipOf(IEnumerable<(string Name, byte[] Content)> entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(content);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// The 2026 CSV fixture as an .xlsx, with all-digit codes stored as numbers (as Excel does when
    /// someone types them), so the reader must turn 99213.0 back into "99213".
    /// </summary>
    public static byte[] Xlsx2026() =>
        Xlsx("Descriptors 2026", CsvReader.ReadRows(Encoding.UTF8.GetString(Csv2026.Content)).ToArray());

    /// <summary>A minimal OpenXML workbook with one sheet; cells are inline strings, or numbers where the text is all digits in column A.</summary>
    public static byte[] Xlsx(string sheetName, IReadOnlyList<string[]> rows)
    {
        var sheet = new StringBuilder("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>""");
        for (var r = 0; r < rows.Count; r++)
        {
            sheet.Append($"<row r=\"{r + 1}\">");
            for (var c = 0; c < rows[r].Length; c++)
            {
                var value = rows[r][c];
                if (value.Length == 0)
                {
                    continue;
                }

                var reference = $"{(char)('A' + c)}{r + 1}";
                if (c == 0 && value.All(char.IsAsciiDigit))
                {
                    sheet.Append($"<c r=\"{reference}\"><v>{value}</v></c>");
                }
                else
                {
                    sheet.Append($"<c r=\"{reference}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{SecurityElement.Escape(value)}</t></is></c>");
                }
            }

            sheet.Append("</row>");
        }

        sheet.Append("</sheetData></worksheet>");
        return ZipOf(
        [
            ("[Content_Types].xml", Encoding.UTF8.GetBytes("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>""")),
            ("_rels/.rels", Encoding.UTF8.GetBytes("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""")),
            ("xl/workbook.xml", Encoding.UTF8.GetBytes($"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="{SecurityElement.Escape(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>""")),
            ("xl/_rels/workbook.xml.rels", Encoding.UTF8.GetBytes("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>""")),
            ("xl/worksheets/sheet1.xml", Encoding.UTF8.GetBytes(sheet.ToString())),
        ]);
    }

    public static ReleaseMember TextMember(string name, string text) => new(name, Encoding.UTF8.GetBytes(text));
}
