using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.ReleaseFiles.Tabular;
using CodeUpdates.Tests.Support;
using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace CodeUpdates.Tests.ReleaseFiles;

/// <summary>The invented CPT releases under samples/cpt (see its README.md) in every form the reader takes.</summary>
internal static class CptFixtures
{
    public static readonly string[] TextFiles = ["LONGULT.txt", "MEDU.txt", "SHORTU.txt", "ConsumerDescriptor.txt", "ClinicianDescriptor.txt"];

    public static ReleaseMember Member(int year, string file) =>
        new($"cpt/{year}/{file}", File.ReadAllBytes(RepoPaths.Sample($"cpt/{year}/{file}")));

    public static IReadOnlyList<ReleaseMember> TextMembers(int year) => TextFiles.Select(f => Member(year, f)).ToArray();

    /// <summary>The 2026 release as one table (a disclaimer row, a blank row, then the header; one row per clinician descriptor).</summary>
    public static ReleaseMember Csv2026 => new("cpt/2026/cpt-2026-descriptors.csv", File.ReadAllBytes(RepoPaths.Fixture("cpt-2026-descriptors.csv")));

    /// <summary>The AMA-style zip: the five text files under <c>CPT {year}/</c>, plus a PDF and a README that are not data.</summary>
    public static byte[] Zip(int year, IEnumerable<string>? files = null, bool withDocuments = true)
    {
        var entries = (files ?? TextFiles).Select(f => ($"CPT {year}/{f}", File.ReadAllBytes(RepoPaths.Sample($"cpt/{year}/{f}")))).ToList();
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

    /// <summary>A workbook with one sheet; text cells, except all-digit text in column A, which becomes a number cell.</summary>
    public static byte[] Xlsx(string sheetName, IReadOnlyList<string[]> rows) =>
        TestWorkbook.Create((sheetName, [.. rows.Select(r => (IReadOnlyList<object?>)[.. r.Select((value, c) => c == 0 && value.Length > 0 && value.All(char.IsAsciiDigit) ? double.Parse(value, CultureInfo.InvariantCulture) : (object?)value)])]));

    public static ReleaseMember TextMember(string name, string text) => new(name, Encoding.UTF8.GetBytes(text));
}
