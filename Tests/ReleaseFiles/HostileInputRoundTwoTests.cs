using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.ReleaseFiles.Hcpcs;
using CodeUpdates.Tests.Support;
using System.IO.Compression;
using System.Text;
using System.Xml;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace CodeUpdates.Tests.ReleaseFiles;

/// <summary>
/// Files that once got past the readers: an over-long field of any kind, a byte-order mark, control
/// characters, more rows or lines than any release has, workbook parts that expand without bound,
/// a zip inside the zip, and a bad date in a UTF-8 fixed-width file.
/// </summary>
public sealed class HostileInputRoundTwoTests
{
    private const string CsvHeader = "HCPC,SEQNUM,RECID,LONG DESCRIPTION,SHORT DESCRIPTION,XREF1,XREF2,XREF3,XREF4,XREF5,BETOS,ADD DT,ACTION CD";

    [Theory]
    [InlineData("XREF1", 5)]
    [InlineData("BETOS", 10)]
    [InlineData("SHORT DESCRIPTION", 4)]
    [InlineData("ACTION CD", 12)]
    public void Any_field_longer_than_a_field_may_hold_is_rejected_naming_the_field_the_code_and_the_line(string field, int column)
    {
        var csv = AnwebCsv(11, (12, column, new string('G', 40_000)));

        var ex = Assert.Throws<InvalidReleaseException>(() => ReleaseReader.Read(new ReleaseFile("hcpcs/2025-01-01/HCPC2025_JAN_ANWEB.csv", csv)));

        Assert.Equal(12, ex.Line);
        Assert.Equal(
            $"hcpcs/2025-01-01/HCPC2025_JAN_ANWEB.csv, line 12: {field} of code G0011 is 40,000 characters; a field may hold at most {TextLimits.MaxFieldChars:N0}",
            ex.Message);
    }

    [Fact]
    public void Five_cross_references_each_within_the_limit_but_too_long_together_for_a_version_row_are_rejected()
    {
        var xref = new string('G', 7_000);
        var csv = AnwebCsv(3, (3, 5, xref), (3, 6, xref), (3, 7, xref), (3, 8, xref), (3, 9, xref));

        var ex = Assert.Throws<InvalidReleaseException>(() => ReleaseReader.Read(new ReleaseFile("hcpcs/2025-01-01/HCPC2025_JAN_ANWEB.csv", csv)));

        Assert.Contains("the cross references (XREF1-XREF5) of G0002 take 35,004 characters together", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_largest_code_the_limits_let_through_makes_a_version_row_within_Table_Storage_limits()
    {
        // Five descriptors of characters JSON escapes (6 characters each), just under the joined limit; five XREFs likewise.
        var perDescriptor = TextLimits.MaxStoredChars / 6 / DescriptorKind.All.Count;
        var descriptors = DescriptorKind.All.ToDictionary(k => k, _ => new string('<', perDescriptor));
        var xrefs = Enumerable.Repeat(new string('G', (TextLimits.MaxStoredChars - 4) / 5), 5).ToArray();
        var record = new CodeRecord("G0001", CodeKind.Procedure, descriptors, CrossReferences: xrefs);
        TextLimits.EnsureStorable("largest", record);

        var day = new DateOnly(2025, 1, 1);
        var entity = Ingestion.Versions.VersionStore.ToEntity(new Ingestion.Versions.CodeVersion(
            Ingestion.ReleaseFiles.CodeSystem.Hcpcs, record.Code, record.Kind, day, null, record.Descriptors, day, day, null, null, record.CrossReferences));

        var properties = (IDictionary<string, object>)entity;
        var strings = properties.Values.OfType<string>().ToArray();
        Assert.All(strings, value => Assert.InRange(value.Length, 0, 32 * 1024));
        Assert.InRange(strings.Sum(v => v.Length * 2) + properties.Keys.Sum(k => k.Length * 2), 0, 1024 * 1024);
        Assert.Throws<InvalidReleaseException>(() => TextLimits.EnsureStorable("over", record with
        {
            Descriptors = DescriptorKind.All.ToDictionary(k => k, _ => new string('<', perDescriptor + 1)),
        }));
    }

    [Fact]
    public void A_CPT_consumer_descriptor_over_the_field_limit_names_its_kind_code_and_line()
    {
        var text = "CPT Code\tConsumer Friendly Descriptor\r\n99213\tInvented visit\r\n99214\t" + new string('x', 40_000) + "\r\n";

        var ex = Assert.Throws<InvalidReleaseException>(() => ReleaseReader.Read(new ReleaseFile("cpt/2025/ConsumerDescriptor.txt", Encoding.UTF8.GetBytes(text))));

        Assert.Equal($"cpt/2025/ConsumerDescriptor.txt, line 3: consumer descriptor of code 99214 is 40,000 characters; a field may hold at most {TextLimits.MaxFieldChars:N0}", ex.Message);
    }

    [Fact]
    public void A_UTF8_byte_order_mark_before_the_first_fixed_width_record_keeps_that_record()
    {
        var excerpt = CmsFiles.Excerpt(CmsFiles.Txt2019, 20);
        var plain = ReleaseReader.Read(new ReleaseFile("hcpcs/2019-01-01/HCPC2019_CONTR_ANWEB.txt", excerpt));

        var withMark = ReleaseReader.Read(new ReleaseFile("hcpcs/2019-01-01/HCPC2019_CONTR_ANWEB.txt", [0xEF, 0xBB, 0xBF, .. excerpt]));

        Assert.Equal(20, plain.Codes.Count);
        Assert.Equal(plain.Codes.Select(c => c.Code), withMark.Codes.Select(c => c.Code));
        Assert.Equal(plain.Codes[0].LongDescription, withMark.Codes[0].LongDescription);
    }

    [Fact]
    public void A_byte_order_mark_before_a_CPT_text_file_and_a_CSV_is_not_part_of_the_first_line()
    {
        var longult = ReleaseReader.Read(new ReleaseFile("cpt/2025/LONGULT.txt", [0xEF, 0xBB, 0xBF, .. Encoding.ASCII.GetBytes("99213\tInvented visit\r\n99214\tInvented longer visit\r\n")]));
        var csv = ReleaseReader.Read(new ReleaseFile("hcpcs/2025-01-01/HCPC2025_JAN_ANWEB.csv", [0xEF, 0xBB, 0xBF, .. AnwebCsv(2)]));

        Assert.Equal(["99213", "99214"], longult.Codes.Select(c => c.Code));
        Assert.Equal(["G0001", "G0002"], csv.Codes.Select(c => c.Code));
    }

    [Fact]
    public void Control_characters_and_noncharacters_are_dropped_on_reading_and_counted_with_the_first_code()
    {
        var csv = Encoding.UTF8.GetString(AnwebCsv(4))
            .Replace("Invented service 2,", "Invented\u0007 service\u001B 2,", StringComparison.Ordinal)
            .Replace("Invented service 3,", "Invented service \uFFFE3\uFFFF,", StringComparison.Ordinal)
            .Replace("G0004,4,3,Invented service 4,Short 4,", "G0004,4,3,Invented service 4,Short\u0085 4\u007F,", StringComparison.Ordinal);
        var utf8 = new UTF8Encoding(false, false);

        var snapshot = ReleaseReader.Read(new ReleaseFile("hcpcs/2025-01-01/HCPC2025_JAN_ANWEB.csv", utf8.GetBytes(csv)));

        Assert.Equal("Invented service 2", snapshot.Find("G0002")!.LongDescription);
        Assert.Equal("Invented service 3", snapshot.Find("G0003")!.LongDescription);
        Assert.Equal("Short 4", snapshot.Find("G0004")!.ShortDescription);
        Assert.Equal(new ControlCharacters(3, "G0002"), snapshot.ControlCharacters);
        Assert.Equal("3 fields had control characters removed (first: G0002)", snapshot.ControlCharacters!.Describe());
        foreach (var text in snapshot.Codes.SelectMany(c => c.Descriptors.Values))
        {
            XmlConvert.VerifyXmlChars(text);
        }

        var parameters = new Parameters();
        parameters.Add("display", new FhirString(snapshot.Find("G0003")!.LongDescription));
        var xml = new FhirXmlSerializer().SerializeToString(parameters);
        Assert.Contains("Invented service 3", xml, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lone_surrogate_in_a_CPT_descriptor_is_dropped_and_a_pair_is_kept()
    {
        var text = "99213\tVisit \uD83D\uDE00 one\r\n99214\tVisit \uD83D two\r\n";
        var bytes = new UTF8Encoding(false, false).GetBytes(text.Replace("\uD83D two", "\uFFFF two", StringComparison.Ordinal));

        var snapshot = ReleaseReader.Read(new ReleaseFile("cpt/2025/LONGULT.txt", bytes));

        Assert.Equal("Visit \uD83D\uDE00 one", snapshot.Find("99213")!.LongDescription);
        Assert.Equal("Visit  two", snapshot.Find("99214")!.LongDescription);
        Assert.Equal(new ControlCharacters(1, "99214"), snapshot.ControlCharacters);
        Assert.Equal("Visit \uD83D\uDE00 one", TextNormalizer.DropControlCharacters("Visit \uD83D\uDE00 one", out var kept));
        Assert.False(kept);
        Assert.Equal("ab", TextNormalizer.DropControlCharacters("a\uD83Db", out var dropped));
        Assert.True(dropped);
    }

    [Fact]
    public void A_real_CMS_file_has_no_control_characters_to_drop()
    {
        var snapshot = ReleaseReader.Read(new ReleaseFile("hcpcs/2019-01-01/HCPC2019_CONTR_ANWEB.txt", CmsFiles.Read(CmsFiles.Txt2019)));

        Assert.Null(snapshot.ControlCharacters);
    }

    [Theory]
    [InlineData("hcpcs/2025-01-01/HCPC2025_JAN_ANWEB.csv")]
    [InlineData("cpt/2025/LONGULT.txt")]
    public void A_text_file_with_more_lines_than_any_release_is_rejected_at_the_line_past_the_cap(string name)
    {
        var bytes = new byte[TextLimits.MaxLines + 10];
        Array.Fill(bytes, (byte)'\n');

        var ex = Assert.Throws<InvalidReleaseException>(() => ReleaseReader.Read(new ReleaseFile(name, bytes)));

        Assert.Equal(TextLimits.MaxLines + 1, ex.Line);
        Assert.Contains($"the file has more than {TextLimits.MaxLines:N0} lines", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_workbook_with_more_rows_than_any_release_is_rejected_at_the_row_past_the_cap()
    {
        var rows = new List<IReadOnlyList<object?>> { HcpcsFields.Names };
        // Rows with a cell only past the ANWEB columns: nothing to read, so only the cap can stop them.
        var filler = new object?[HcpcsFields.Count + 1];
        filler[^1] = "x";
        rows.AddRange(Enumerable.Repeat<IReadOnlyList<object?>>(filler, TextLimits.MaxLines + 5));
        var workbook = TestWorkbook.Create(("Codes", rows));

        var ex = Assert.Throws<InvalidReleaseException>(() => ReleaseReader.Read(new ReleaseFile("hcpcs/2025-01-01/HCPC2025_JAN_ANWEB.xlsx", workbook)));

        Assert.Equal(TextLimits.MaxLines + 1, ex.Line);
        Assert.Contains($"sheet 'Codes' has more than {TextLimits.MaxLines:N0} rows", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_workbook_part_that_expands_past_the_member_limit_is_rejected_before_the_workbook_is_opened()
    {
        var workbook = TestWorkbook.Create(("Codes", [HcpcsFields.Names]));
        var bomb = WithPart(workbook, "xl/sharedStrings.xml", 70L * 1024 * 1024);

        var ex = Assert.Throws<InvalidReleaseException>(() => ReleaseReader.Read(new ReleaseFile("hcpcs/2025-01-01/HCPC2025_JAN_ANWEB.xlsx", bomb)));

        Assert.Equal("hcpcs/2025-01-01/HCPC2025_JAN_ANWEB.xlsx: workbook part xl/sharedStrings.xml expands to over 64 MB, the limit for one file of a release", ex.Message);
    }

    [Fact]
    public void A_zip_inside_the_zip_says_to_extract_it()
    {
        var inner = CptFixtures.ZipOf([("HCPC2019_CONTR_ANWEB.txt", CmsFiles.Excerpt(CmsFiles.Txt2019, 5))]);
        var outer = CptFixtures.ZipOf([("HCPC2019_CONTR_ANWEB.zip", inner), ("HCPC2019_README.txt", Encoding.ASCII.GetBytes("readme"))]);

        var ex = Assert.Throws<InvalidReleaseException>(() => ReleaseReader.Read(new ReleaseFile("hcpcs/2019-01-01/hcpcs-2019.zip", outer)));

        Assert.StartsWith("hcpcs/2019-01-01/hcpcs-2019.zip: HCPC2019_CONTR_ANWEB.zip is a zip inside the zip, which is not read; extract it and drop the file inside it", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_date_in_a_UTF8_fixed_width_file_names_the_field_code_line_value_and_form()
    {
        var lines = Encoding.Latin1.GetString(CmsFiles.Excerpt(CmsFiles.Txt2019, 5)).Split("\r\n");
        var line = new StringBuilder(lines[2].PadRight(HcpcsFields.RecordLength));
        var code = line.ToString(0, 5).Trim();

        // A UTF-8 character before the date (an em dash in the long description) must not shift the columns.
        line[HcpcsFields.Start[HcpcsFields.LongDescription] + 3] = '\u2014';
        line.Remove(HcpcsFields.Start[HcpcsFields.AddDate], 8).Insert(HcpcsFields.Start[HcpcsFields.AddDate], "2024    ");
        lines[2] = line.ToString();
        var bytes = Encoding.UTF8.GetBytes(string.Join("\r\n", lines));

        var ex = Assert.Throws<InvalidReleaseException>(() => ReleaseReader.Read(new ReleaseFile("hcpcs/2019-01-01/HCPC2019_CONTR_ANWEB.txt", bytes)));

        Assert.Equal($"hcpcs/2019-01-01/HCPC2019_CONTR_ANWEB.txt, line 3: ADD DT of code {code} is '2024'; expected a date as yyyyMMdd (for example 20240101)", ex.Message);
    }

    /// <summary>
    /// An ANWEB CSV of <paramref name="codes"/> invented codes G0001.. (the header on line 1, code n on
    /// line n + 1), with cells replaced at (line, column).
    /// </summary>
    private static byte[] AnwebCsv(int codes, params (int Line, int Column, string Value)[] cells)
    {
        var text = new StringBuilder(CsvHeader).Append("\r\n");
        for (var n = 1; n <= codes; n++)
        {
            string[] row = [$"G{n:0000}", n.ToString(System.Globalization.CultureInfo.InvariantCulture), "3", $"Invented service {n}", $"Short {n}", "", "", "", "", "", "", "20250101", "N"];
            foreach (var (line, column, value) in cells.Where(c => c.Line == n + 1))
            {
                row[column] = value;
            }

            text.Append(string.Join(',', row)).Append("\r\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>The workbook with one part replaced by <paramref name="bytes"/> bytes of a repeated shared string: small compressed, huge expanded.</summary>
    private static byte[] WithPart(byte[] workbook, string part, long bytes)
    {
        using var output = new MemoryStream();
        output.Write(workbook);
        using (var zip = new ZipArchive(output, ZipArchiveMode.Update, leaveOpen: true))
        {
            zip.GetEntry(part)?.Delete();
            using var stream = zip.CreateEntry(part, CompressionLevel.SmallestSize).Open();
            var chunk = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("<si><t>a</t></si>", 4096)));
            for (long written = 0; written < bytes; written += chunk.Length)
            {
                stream.Write(chunk);
            }
        }

        return output.ToArray();
    }
}
