using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.ReleaseFiles.Cpt;
using System.Text;
using Xunit;

namespace CodeUpdates.Tests.ReleaseFiles;

/// <summary>Every malformed CPT input ends in an <see cref="InvalidReleaseException"/> that names the file, the line and what was expected.</summary>
public class CptBadInputTests
{
    private const string Header = "Invented sample descriptors for tests; not AMA CPT content.\n\n";

    public static TheoryData<string, string, int?, string> TextCases => new()
    {
        { "LONGULT.txt", Header + "99213\tMade-up chat\n99214 Made-up chat without a tab\n", 4, "expected a CPT code, a TAB, then the descriptor" },
        { "LONGULT.txt", Header + "99213\tMade-up chat\n9921\tShort code\n", 4, "\"9921\" is not a CPT code" },
        { "LONGULT.txt", Header + "99213\tMade-up chat\nA1234\tAn HCPCS-shaped code\n", 4, "\"A1234\" is not a CPT code" },
        { "LONGULT.txt", Header + "99213\tMade-up chat\n0001F\tMarker\n99213\tAgain\n", 5, "code 99213 appears twice, on line 3 and line 5" },
        { "LONGULT.txt", Header + "99213\tMade-up chat\n99214\t   \n", 4, "code 99214 has an empty descriptor" },
        { "LONGULT.txt", Header + "no codes here at all\n", null, "no code lines found" },
        { "MEDU.txt", "99213 MADE-UP CHAT\n99214\tMADE-UP CHAT\n", 2, "expected the 5-character CPT code, one space, then the descriptor" },
        { "SHORTU.txt", "99213 MADE-UP CHAT\n99214\n", 2, "code 99214 has an empty descriptor" },
        { "ConsumerDescriptor.txt", "Concept Id\tConsumer Friendly Descriptor\n1\tA chat\n", null, "no header row naming a code column" },
        { "ConsumerDescriptor.txt", "Concept Id\tCPT Code\tNote\n1\t99213\tA chat\n", 1, "names a code column but no descriptor column" },
        { "ConsumerDescriptor.txt", "Concept Id\tCPT Code\tConsumer Friendly Descriptor\n1\t99213\tA chat\n2\t99213\tAnother chat\n", 3, "code 99213 appears twice, on line 2 and line 3" },
        { "ConsumerDescriptor.txt", "Concept Id\tCPT Code\tConsumer Friendly Descriptor\n1\t99213\t \n", 2, "code 99213 has an empty descriptor" },
        { "ClinicianDescriptor.txt", "Concept Id\tCPT Code\tClinician Descriptor Id\tClinician Descriptor\n1\t99213\t7\tOne\n1\t99213\t7\tTwo\n", 3, "clinician descriptor id 7 of code 99213 appears twice, on line 2 and line 3" },
        { "ClinicianDescriptor.txt", "Concept Id\tCPT Code\tClinician Descriptor Id\tClinician Descriptor\n1\t992x3\t7\tOne\n", 2, "\"992x3\" is not a CPT code" },
        { "descriptors.csv", "Id,Long Descriptor\n1,Made-up chat\n", null, "no header row naming a code column" },
        { "descriptors.csv", "CPT Code,Long Descriptor\n99213,Made-up chat\n99213,Made-up chat again\n", 3, "code 99213 appears twice, on line 2 and line 3" },
        { "descriptors.csv", "CPT Code,Long Descriptor\n99213,\"Made-up chat\n", 2, "the quoted field that opens on line 2 is never closed" },
        { "descriptors.csv", "CPT Code,Long Descriptor,Clinician Descriptor\n99213,Chat,One\n99213,Different chat,Two\n", 3, "with different long descriptors" },
        { "cpt-medium-2026.txt", "99213 MADE-UP CHAT\n", null, null! },
        { "cpt-extract.txt", "99213 MADE-UP CHAT\n", null, "does not say whether they are medium or short" },
    };

    [Theory]
    [MemberData(nameof(TextCases))]
    public void Malformed_text_and_csv_name_the_file_line_and_expectation(string file, string text, int? line, string? expected)
    {
        var name = $"CPT 2026/{file}";
        var read = () => CptReleaseReader.Read([CptFixtures.TextMember(name, text)]);
        if (expected is null)
        {
            // The control case: a fixed-width file whose name says "med" is read as medium.
            Assert.Equal([DescriptorKind.Medium], read().DescriptorKinds);
            return;
        }

        var ex = Assert.Throws<InvalidReleaseException>(read);
        AssertActionable(ex, name, line, expected);
    }

    [Fact]
    public void Garbage_named_xlsx_is_not_a_readable_workbook()
    {
        var garbage = new ReleaseMember("cpt/2026/descriptors.xlsx", Encoding.ASCII.GetBytes("this is not a workbook at all, just some bytes"));

        var ex = Assert.Throws<InvalidReleaseException>(() => CptReleaseReader.Read([garbage]));

        AssertActionable(ex, garbage.Name, null, "not a readable Excel workbook");
    }

    [Fact]
    public void Truncated_xlsx_is_not_a_readable_workbook()
    {
        var bytes = CptFixtures.Xlsx2026();
        var truncated = new ReleaseMember("cpt/2026/descriptors.xlsx", bytes[..(bytes.Length / 2)]);

        var ex = Assert.Throws<InvalidReleaseException>(() => CptReleaseReader.Read([truncated]));

        AssertActionable(ex, truncated.Name, null, "not a readable Excel workbook");
    }

    [Fact]
    public void Spreadsheet_without_a_header_row_naming_a_code_column_is_rejected()
    {
        var xlsx = CptFixtures.Xlsx("Sheet1", [["99213", "Made-up chat"], ["0001F", "Marker"]]);

        var ex = Assert.Throws<InvalidReleaseException>(() => CptReleaseReader.Read([new ReleaseMember("cpt/2026/codes.xlsx", xlsx)]));

        AssertActionable(ex, "cpt/2026/codes.xlsx", null, "no header row naming a code column in the first 50 rows");
    }

    [Fact]
    public void Spreadsheet_row_with_a_malformed_code_names_its_row()
    {
        var xlsx = CptFixtures.Xlsx("Sheet1", [["Invented disclaimer row"], ["CPT Code", "Long Descriptor"], ["99213", "Made-up chat"], ["X9921", "Bad code"]]);

        var ex = Assert.Throws<InvalidReleaseException>(() => CptReleaseReader.Read([new ReleaseMember("cpt/2026/codes.xlsx", xlsx)]));

        AssertActionable(ex, "cpt/2026/codes.xlsx", 4, "\"X9921\" is not a CPT code");
    }

    [Fact]
    public void The_same_code_in_two_files_of_one_kind_names_both_files()
    {
        var zip = CptFixtures.ZipOf(
        [
            ("CPT 2026/LONGULT.txt", Encoding.UTF8.GetBytes("99213\tMade-up chat\n")),
            ("CPT 2026/PLA/LONGULT.txt", Encoding.UTF8.GetBytes("0001U\tPretend assay\n99213\tMade-up chat, revised\n")),
        ]);

        var ex = Assert.Throws<InvalidReleaseException>(() => ReleaseReader.Read(new ReleaseFile("cpt/2026/cpt.zip", zip)));

        // The reason names the dropped zip first: that is the file the person who dropped it looks for.
        AssertActionable(ex, "cpt/2026/cpt.zip (in the zip: CPT 2026/PLA/LONGULT.txt)", 2, "code 99213 has a different long descriptor here than in CPT 2026/LONGULT.txt (line 1)");
    }

    [Fact]
    public void The_same_text_for_a_code_in_two_files_is_read_once()
    {
        var zip = CptFixtures.ZipOf(
        [
            ("CPT 2026/LONGULT.txt", Encoding.UTF8.GetBytes("99213\tMade-up chat\n")),
            ("CPT 2026/copy/LONGULT.txt", Encoding.UTF8.GetBytes("0001U\tPretend assay\n99213\tMade-up  chat\n")),
        ]);

        var snapshot = ReleaseReader.Read(new ReleaseFile("cpt/2026/cpt.zip", zip));

        Assert.Equal(["0001U", "99213"], snapshot.Codes.Select(c => c.Code));
        Assert.Equal("Made-up chat", snapshot.Find("99213")?.LongDescription);
    }

    [Fact]
    public void ReleaseReader_rejects_a_dropped_file_with_a_duplicate_code()
    {
        var bytes = Encoding.UTF8.GetBytes(Header + "0042T\tExperimental scan\n99213\tMade-up chat\n0042T\tExperimental scan again\n");

        var ex = Assert.Throws<InvalidReleaseException>(() => ReleaseReader.Read(new ReleaseFile("cpt/2026/LONGULT.txt", bytes)));

        AssertActionable(ex, "cpt/2026/LONGULT.txt", 5, "code 0042T appears twice, on line 3 and line 5");
    }

    [Fact]
    public void An_empty_file_is_rejected()
    {
        var ex = Assert.Throws<InvalidReleaseException>(() => ReleaseReader.Read(new ReleaseFile("cpt/2026/LONGULT.txt", [])));

        AssertActionable(ex, "cpt/2026/LONGULT.txt", null, "the file is empty");
    }

    [Fact]
    public void An_empty_member_of_a_zip_is_rejected()
    {
        var zip = CptFixtures.ZipOf([("CPT 2026/LONGULT.txt", CptFixtures.Member(2026, "LONGULT.txt").Content), ("CPT 2026/MEDU.txt", [])]);

        var ex = Assert.Throws<InvalidReleaseException>(() => ReleaseReader.Read(new ReleaseFile("cpt/2026/cpt.zip", zip)));

        AssertActionable(ex, "cpt/2026/cpt.zip (in the zip: CPT 2026/MEDU.txt)", null, "the file is empty");
    }

    [Fact]
    public void A_zip_with_no_data_files_is_rejected()
    {
        var zip = CptFixtures.ZipOf(
        [
            ("CPT 2026/AMA CPT Data File Notes.pdf", Encoding.ASCII.GetBytes("%PDF-1.4 junk")),
            ("CPT 2026/README.txt", Encoding.ASCII.GetBytes("Invented readme\n")),
            ("CPT 2026/Licence.txt", Encoding.ASCII.GetBytes("Invented licence words, no codes.\n")),
        ]);

        var ex = Assert.Throws<InvalidReleaseException>(() => ReleaseReader.Read(new ReleaseFile("cpt/2026/cpt.zip", zip)));

        Assert.Contains("no CPT data file found", ex.Message, StringComparison.Ordinal);
        Assert.Contains("LONGULT.txt", ex.Message, StringComparison.Ordinal);
        Assert.Contains("CPT 2026/Licence.txt", ex.Message, StringComparison.Ordinal);
    }

    private static void AssertActionable(InvalidReleaseException ex, string source, int? line, string expected)
    {
        Assert.Equal(source, ex.Source);
        Assert.Equal(line, ex.Line);
        Assert.StartsWith(line is { } n ? $"{source}, line {n}: " : $"{source}: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", ex.Message, StringComparison.Ordinal);
    }
}
