using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.ReleaseFiles.Hcpcs;
using CodeUpdates.Tests.Support;
using System.Text;
using Xunit;

namespace CodeUpdates.Tests.ReleaseFiles;

/// <summary>Small invented ANWEB files: what each form accepts, and the messages bad input gets.</summary>
public sealed class HcpcsBadInputTests
{
    private static readonly object?[] Header = HcpcsFields.Names;

    [Fact]
    public void An_empty_sheet_says_there_is_no_HCPC_header_row()
    {
        var workbook = TestWorkbook.Create(("Sheet1", []));

        var ex = ReadFails(new ReleaseMember("HCPC2025_JAN_ANWEB.xlsx", workbook));

        Assert.Equal("HCPC2025_JAN_ANWEB.xlsx", ex.Source);
        Assert.Contains("no header row with HCPC in column A in any sheet", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'Sheet1'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_workbook_without_an_HCPC_column_A_names_its_sheets()
    {
        var workbook = TestWorkbook.Create(
            ("Notes", [["Disclaimer"], ["Code", "Description"], ["A0021", "Ambulance"]]),
            ("Codes", [[null, "HCPC", "RECID"], [null, "A0021", "3"]]));

        var ex = ReadFails(new ReleaseMember("codes.xlsx", workbook));

        Assert.Contains("no header row with HCPC in column A in any sheet (sheets: 'Notes', 'Codes')", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_date_names_the_row_the_field_and_the_expected_form()
    {
        var workbook = TestWorkbook.Create(("A", [["Disclaimer: invented test data"], Header, Row("A0021", "3", "Ambulance service, outside state", addDate: "2019133")]));

        var ex = ReadFails(new ReleaseMember("HCPC2019_CONTR_ANWEB.xlsx", workbook));

        Assert.Equal(3, ex.Line);
        Assert.Equal("HCPC2019_CONTR_ANWEB.xlsx, sheet 'A', line 3: ADD DT of code A0021 is '2019133'; expected a date as yyyyMMdd (for example 20240101)", ex.Message);
    }

    [Fact]
    public void A_header_without_the_descriptor_columns_is_named()
    {
        var workbook = TestWorkbook.Create(("A", [["HCPC", "RECID"], ["A0021", "3"]]));

        var ex = ReadFails(new ReleaseMember("x.xlsx", workbook));

        Assert.Equal(1, ex.Line);
        Assert.Contains("the header row has no column LONG DESCRIPTION, SHORT DESCRIPTION", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Garbage_named_xlsx_is_not_a_spreadsheet()
    {
        var garbage = Encoding.ASCII.GetBytes("this is not a workbook at all, just some bytes \x01\x02\x03");

        var ex = ReadFails(new ReleaseMember("HCPC2025_JAN_ANWEB.xlsx", garbage));

        Assert.Contains("not a spreadsheet", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ExcelDataReader", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zip_shaped_file_that_is_not_a_workbook_is_not_a_spreadsheet()
    {
        var ex = ReadFails(new ReleaseMember("HCPC2025_JAN_ANWEB.xlsx", [(byte)'P', (byte)'K', 3, 4, 0, 0, 0, 0]));

        Assert.Contains("not a spreadsheet", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_txt_continuation_before_any_code_is_rejected()
    {
        var txt = Lines(Record("A0021", "00200", '4', "continued text"));

        var ex = ReadFails(new ReleaseMember("HCPC2025_JAN_ANWEB.txt", txt));

        Assert.Equal(1, ex.Line);
        Assert.Contains("a continuation of a long description (RECID 4 for A0021) comes before any code", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_txt_record_id_other_than_3_4_7_8_is_rejected()
    {
        var txt = Lines(Record("A0021", "00100", '3', "Ambulance"), Record("A0022", "00100", '5', "Other"));

        var ex = ReadFails(new ReleaseMember("anweb.txt", txt));

        Assert.Equal(2, ex.Line);
        Assert.Contains("RECID is '5' for A0022; expected 3 (procedure), 7 (modifier), or 4 or 8", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_continuation_for_another_code_is_rejected()
    {
        var txt = Lines(Record("A0021", "00100", '3', "Ambulance"), Record("A0022", "00200", '4', "more"));

        var ex = ReadFails(new ReleaseMember("anweb.txt", txt));

        Assert.Contains("for A0022 follows code A0021", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_txt_with_text_where_records_should_be_is_rejected_after_the_records_start()
    {
        var txt = Lines(Record("A0021", "00100", '3', "Ambulance"), "this line is no record");

        var ex = ReadFails(new ReleaseMember("anweb.txt", txt));

        Assert.Equal(2, ex.Line);
        Assert.Contains("the line is not an HCPCS record", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Txt_reads_short_lines_LF_endings_and_cp1252_disclaimers()
    {
        var disclaimer = new byte[] { (byte)'*', (byte)'N', (byte)'o', (byte)'t', (byte)'e', 0xA0, (byte)'x', (byte)'\t', (byte)'\n', (byte)'\n' };
        var first = Record("A0021", "00100", '3', "Ambulance service, outside state per mile,", shortText: "Outside state ambulance serv", addDate: "20000101");
        var records = Encoding.ASCII.GetBytes(first + "\n" + Record("A0021", "00200", '4', "transport (Medicaid only)").TrimEnd() + "\n" + Record("XE", "00100", '7', "Separate encounter")[..60]);

        var codes = HcpcsAnwebReader.Read([new ReleaseMember("HCPC2025_JAN_ANWEB.txt", [.. disclaimer, .. records])]).Codes;

        Assert.Equal(2, codes.Count);
        Assert.Equal("Ambulance service, outside state per mile, transport (Medicaid only)", codes[0].LongDescription);
        Assert.Equal("Outside state ambulance serv", codes[0].ShortDescription);
        Assert.Equal(new DateOnly(2000, 1, 1), codes[0].AddDate);
        Assert.Equal(CodeKind.Modifier, codes[1].Kind);
        Assert.Equal("XE", codes[1].Code);
        Assert.Null(codes[1].ShortDescription);
    }

    [Fact]
    public void A_stray_continuation_row_in_a_workbook_joins_the_code_above_and_dates_may_be_numbers_or_serials()
    {
        var workbook = TestWorkbook.Create(("Any name", [
            Header,
            Row("G0503", "3", "Subsequent psychiatric care, first 60 minutes ", addDate: 20180101d, termDate: 43830d),
            Row("G0503", "4", "  in a subsequent month"),
            Row("   A1", "7", "Dressing for one wound", price1: 11d),
        ]));

        var codes = HcpcsAnwebReader.Read([new ReleaseMember("anything.xlsx", workbook)]).ByCode();

        Assert.Equal(2, codes.Count);
        Assert.Equal("Subsequent psychiatric care, first 60 minutes in a subsequent month", codes["G0503"].LongDescription);
        Assert.Equal(new DateOnly(2018, 1, 1), codes["G0503"].AddDate);
        Assert.Equal(new DateOnly(2019, 12, 31), codes["G0503"].TerminationDate);
        Assert.Equal(CodeKind.Modifier, codes["A1"].Kind);
        Assert.Equal("11", codes["A1"].Administrative["PRICE1"]);
    }

    [Theory]
    [InlineData(20190101d, true, "20190101")]
    [InlineData(43466d, true, "20190101")]
    [InlineData(3350.5, false, "3350.5")]
    [InlineData(11d, false, "11")]
    public void Cells_read_as_the_txt_writes_them(object cell, bool isDate, string expected)
    {
        Assert.Equal(expected, HcpcsTableReader.CellText(cell, isDate));
    }

    [Fact]
    public void Date_cells_read_as_yyyyMMdd()
    {
        Assert.Equal("20250401", HcpcsTableReader.CellText(new DateTime(2025, 4, 1), isDate: true));
    }

    [Fact]
    public void A_zip_without_ANWEB_data_says_what_it_holds()
    {
        var members = new[]
        {
            new ReleaseMember("2019/HCPC2019_README.txt", Encoding.ASCII.GetBytes("read me")),
            new ReleaseMember("2019/HCPCS2019_recordlayout.txt", Encoding.ASCII.GetBytes("layout")),
        };

        var ex = Assert.Throws<InvalidReleaseException>(() => HcpcsAnwebReader.Read(members));

        Assert.Contains("the zip holds no HCPCS ANWEB data file", ex.Message, StringComparison.Ordinal);
        Assert.Contains("HCPC2019_README.txt, HCPCS2019_recordlayout.txt", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Recognizes_never_throws_and_says_no_to_other_files()
    {
        Assert.False(HcpcsAnwebReader.Recognizes(new ReleaseMember("LONGULT.txt", Encoding.ASCII.GetBytes("0001U\tRed blood cell antigen typing"))));
        Assert.False(HcpcsAnwebReader.Recognizes(new ReleaseMember("data.xlsx", [1, 2, 3])));
        Assert.False(HcpcsAnwebReader.Recognizes(new ReleaseMember("data.csv", [0xFF, 0xFE, 0x00])));
        Assert.False(HcpcsAnwebReader.Recognizes(new ReleaseMember("empty.txt", [])));
    }

    [Fact]
    public void A_csv_quote_that_never_closes_names_the_line_it_opens_on()
    {
        var csv = "HCPC,SEQNUM,RECID,LONG DESCRIPTION,SHORT DESCRIPTION\nA0021,00100,3,\"Ambulance service, outside state,AMB\nA0080,00100,3,Invented,INVENTED\n";

        var ex = ReadFails(new ReleaseMember("HCPC2019_ANWEB.csv", Encoding.ASCII.GetBytes(csv)));

        Assert.Equal(2, ex.Line);
        Assert.Equal("HCPC2019_ANWEB.csv, line 2: the quoted field that opens on line 2 is never closed", ex.Message);
    }

    private static InvalidReleaseException ReadFails(ReleaseMember member)
    {
        var ex = Assert.Throws<InvalidReleaseException>(() => HcpcsAnwebReader.Read([member]));
        Assert.DoesNotContain("Exception", ex.Message, StringComparison.Ordinal);
        return ex;
    }

    /// <summary>A spreadsheet row in the CMS column order with the given values; the rest blank.</summary>
    private static object?[] Row(string code, string recId, string longText, object? addDate = null, object? termDate = null, object? price1 = null)
    {
        var row = new object?[HcpcsFields.Count];
        row[HcpcsFields.Hcpc] = code;
        row[HcpcsFields.RecId] = recId;
        row[HcpcsFields.LongDescription] = longText;
        row[HcpcsFields.AddDate] = addDate;
        row[HcpcsFields.TerminationDate] = termDate;
        row[Array.IndexOf(HcpcsFields.Names, "PRICE1")] = price1;
        return row;
    }

    /// <summary>A 320-character fixed-width record as the CMS layout places the fields.</summary>
    private static string Record(string code, string sequence, char recId, string longText, string shortText = "", string addDate = "")
    {
        var line = new StringBuilder(new string(' ', HcpcsFields.RecordLength));
        void Put(int field, string value) => line.Remove(HcpcsFields.Start[field], value.Length).Insert(HcpcsFields.Start[field], value);
        Put(HcpcsFields.Hcpc, code.PadLeft(5));
        Put(HcpcsFields.SeqNum, sequence);
        Put(HcpcsFields.RecId, recId.ToString());
        Put(HcpcsFields.LongDescription, longText);
        Put(HcpcsFields.ShortDescription, shortText);
        Put(HcpcsFields.AddDate, addDate);
        return line.ToString();
    }

    private static byte[] Lines(params string[] lines) => Encoding.ASCII.GetBytes(string.Join("\r\n", lines) + "\r\n");
}
