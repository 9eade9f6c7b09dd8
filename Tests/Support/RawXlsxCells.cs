using System.IO.Compression;
using System.Xml.Linq;

namespace CodeUpdates.Tests.Support;

/// <summary>
/// The cells of a workbook's first sheet straight from its XML (shared strings and inline strings resolved), by reference
/// ("E10"): an independent reading of a CMS document for tests to check a reader's result against.
/// </summary>
public static class RawXlsxCells
{
    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    public static IReadOnlyDictionary<string, string> FirstSheet(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        var shared = zip.GetEntry("xl/sharedStrings.xml") is { } entry
            ? Load(entry).Root!.Elements(Main + "si").Select(si => string.Concat(si.Descendants(Main + "t").Select(t => t.Value))).ToArray()
            : [];
        var sheet = Load(zip.GetEntry("xl/worksheets/sheet1.xml")!);
        var cells = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var cell in sheet.Descendants(Main + "c"))
        {
            var value = cell.Element(Main + "v")?.Value;
            cells[(string)cell.Attribute("r")!] = (string?)cell.Attribute("t") switch
            {
                "s" when value is not null => shared[int.Parse(value, System.Globalization.CultureInfo.InvariantCulture)],
                "inlineStr" => string.Concat(cell.Descendants(Main + "t").Select(t => t.Value)),
                _ => value ?? string.Empty,
            };
        }

        return cells;
    }

    /// <summary>The row number of the first cell in column A holding <paramref name="code"/>.</summary>
    public static int RowOf(IReadOnlyDictionary<string, string> cells, string code) =>
        cells.Where(c => c.Key.StartsWith('A') && char.IsDigit(c.Key[1]) && c.Value.Trim() == code)
            .Select(c => int.Parse(c.Key[1..], System.Globalization.CultureInfo.InvariantCulture))
            .Min();

    private static XDocument Load(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        return XDocument.Load(stream);
    }
}
