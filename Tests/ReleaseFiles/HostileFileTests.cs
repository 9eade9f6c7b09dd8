using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.ReleaseFiles.Tabular;
using CodeUpdates.Tests.Support;
using System.IO.Compression;
using System.Text;

namespace CodeUpdates.Tests.ReleaseFiles;

/// <summary>Files built to hurt: each is rejected with a reason a person can act on, and reading it stays within bounded memory.</summary>
public sealed class HostileFileTests
{
    private const string CptHeader = "Invented sample descriptors for tests; not AMA CPT content.\r\n\r\n";

    [Theory]
    [InlineData(40_000)]
    [InlineData(10 * 1024 * 1024)]
    public void A_CPT_descriptor_longer_than_a_release_can_carry_is_rejected_with_its_code_and_line(int length)
    {
        var text = CptHeader + "99213\tInvented office visit\r\n99214\t" + new string('x', length) + "\r\n99215\tInvented longer visit\r\n";

        var ex = Assert.Throws<InvalidReleaseException>(() => ReleaseReader.Read(new ReleaseFile("cpt/2025/LONGULT.txt", Encoding.ASCII.GetBytes(text))));

        Assert.Equal(4, ex.Line);
        Assert.Contains("code 99214", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"{length:N0} characters", ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("cpt/2025/LONGULT.txt, line 4:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_HCPCS_long_description_grown_by_continuation_lines_past_the_limit_is_rejected_at_the_line_that_crosses_it()
    {
        var excerpt = Encoding.Latin1.GetString(CmsFiles.Excerpt(CmsFiles.Txt2019, 3));
        var lastRecord = excerpt.Split("\r\n", StringSplitOptions.RemoveEmptyEntries)[^1];
        var code = lastRecord[..5];
        var continuation = code + "00002" + "4" + new string('y', 80) + "\r\n";
        var recordLines = excerpt.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length;
        var bytes = Encoding.Latin1.GetBytes(excerpt + string.Concat(Enumerable.Repeat(continuation, 120)));

        var ex = Assert.Throws<InvalidReleaseException>(() => ReleaseReader.Read(new ReleaseFile("hcpcs/2019-01-01/anweb.txt", bytes)));

        Assert.Contains($"LONG DESCRIPTION of code {code.Trim()}", ex.Message, StringComparison.Ordinal);
        Assert.InRange(ex.Line!.Value, recordLines + 90, recordLines + 100);
    }

    [Fact]
    public void A_file_over_the_release_size_limit_is_refused_by_the_one_rule_ingestion_applies_before_downloading()
    {
        Assert.Null(ReleaseReader.TooLarge("hcpcs/2025-01-01/big.zip", ReleaseReader.MaxFileBytes));

        var refused = ReleaseReader.TooLarge("hcpcs/2025-01-01/big.zip", ReleaseReader.MaxFileBytes + (1024 * 1024));

        Assert.NotNull(refused);
        Assert.Equal("hcpcs/2025-01-01/big.zip", refused.Source);
        Assert.Equal("the file is 257 MB, over the 256 MB limit for one release", refused.Problem);
    }

    [Fact]
    public void A_small_zip_of_huge_members_is_rejected_while_decompressing_without_holding_them()
    {
        var zip = ZipOfZeros(["LONGULT.txt", "MEDU.txt", "SHORTU.txt"], 200L * 1024 * 1024);
        Assert.True(zip.Length < 3 * 1024 * 1024, $"the zip is {zip.Length} bytes");

        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var ex = Assert.Throws<InvalidReleaseException>(() => ReleaseReader.Read(new ReleaseFile("cpt/2025/cpt-2025.zip", zip)));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        Assert.StartsWith("cpt/2025/cpt-2025.zip:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("LONGULT.txt expands to over 64 MB", ex.Message, StringComparison.Ordinal);
        Assert.True(allocated < ReleaseReader.MaxMemberBytes * 3, $"reading allocated {allocated / (1024 * 1024)} MB");
    }

    [Fact]
    public void Members_each_under_the_limit_are_counted_together()
    {
        var zip = ZipOfZeros(["a/LONGULT.txt", "b/LONGULT.txt", "c/LONGULT.txt"], 50L * 1024 * 1024);

        var ex = Assert.Throws<InvalidReleaseException>(() => ReleaseReader.Read(new ReleaseFile("cpt/2025/cpt-2025.zip", zip)));

        Assert.Contains("expand to over 128 MB (reached in member c/LONGULT.txt)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zip_member_problem_names_the_dropped_zip_and_the_member()
    {
        var longult = Encoding.ASCII.GetBytes(CptHeader + "99213\tInvented office visit\r\n9921\tShort code\r\n");
        var zip = CptFixtures.ZipOf([("CPT 2025/LONGULT.txt", longult)]);

        var ex = Assert.Throws<InvalidReleaseException>(() => ReleaseReader.Read(new ReleaseFile("cpt/2025/cpt-2025.zip", zip)));

        Assert.StartsWith("cpt/2025/cpt-2025.zip (in the zip: CPT 2025/LONGULT.txt), line 4:", ex.Message, StringComparison.Ordinal);
        Assert.Equal(4, ex.Line);
    }

    [Theory]
    [InlineData("hcpcs/2019-01-01/HCPC2019_CONTR_ANWEB.txt")]
    [InlineData("2019-01-01/anweb-data.txt")]
    public void A_UTF16_text_file_is_rejected_saying_its_encoding(string name)
    {
        var text = Encoding.Latin1.GetString(CmsFiles.Excerpt(CmsFiles.Txt2019, 20));
        var utf16 = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(text)).ToArray();

        var ex = Assert.Throws<InvalidReleaseException>(() => ReleaseReader.Read(new ReleaseFile(name, utf16)));

        Assert.Contains("the file is UTF-16; CMS files are Windows-1252/ASCII", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_HCPCS_code_is_rejected_with_both_lines()
    {
        var lines = Encoding.Latin1.GetString(CmsFiles.Excerpt(CmsFiles.Txt2019, 5)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).ToList();
        var first = lines.FindIndex(l => l[10] is '3' or '7');
        lines.Add(lines[first]);

        var ex = Assert.Throws<InvalidReleaseException>(() => ReleaseReader.Read(new ReleaseFile("hcpcs/2019-01-01/anweb.txt", Encoding.Latin1.GetBytes(string.Join("\r\n", lines)))));

        Assert.Equal(lines.Count, ex.Line);
        Assert.Contains($"code {lines[first][..5].Trim()} appears twice, on line {first + 1} and line {lines.Count}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_exception_from_our_own_row_handling_is_a_fault_not_a_verdict_on_the_spreadsheet()
    {
        var workbook = CmsFiles.Read(CmsFiles.Xlsx2019);

        // A bug in a row handler that surfaces from inside the base library (a duplicate dictionary key).
        Assert.Throws<ArgumentException>(() => SpreadsheetReader.VisitSheets("HCPC2019_CONTR_ANWEB.xlsx", workbook, sheet =>
        {
            var seen = new Dictionary<int, int>();
            sheet.ReadRows((_, _) => seen.Add(1, 1), maxRows: 5);
            return true;
        }));
    }

    /// <summary>A zip of members that are nothing but zeros: megabytes compressed, hundreds of megabytes expanded. Built at run time, never committed.</summary>
    private static byte[] ZipOfZeros(IEnumerable<string> names, long memberBytes)
    {
        var zeros = new byte[1024 * 1024];
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var name in names)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                for (long written = 0; written < memberBytes; written += zeros.Length)
                {
                    stream.Write(zeros);
                }
            }
        }

        return buffer.ToArray();
    }
}
