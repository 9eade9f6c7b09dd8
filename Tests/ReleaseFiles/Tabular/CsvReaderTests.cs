using CodeUpdates.Ingestion.ReleaseFiles.Tabular;
using System.Text;
using Xunit;

namespace CodeUpdates.Tests.ReleaseFiles.Tabular;

public class CsvReaderTests
{
    [Fact]
    public void Reads_quoted_fields_with_commas_quotes_and_line_breaks()
    {
        var rows = CsvReader.ReadNumberedRows("a,\"b,1\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",,x\nlast,row").ToArray();

        Assert.Equal(3, rows.Length);
        Assert.Equal(["a", "b,1", "say \"hi\""], rows[0].Fields);
        Assert.Equal(["two\nlines", "", "x"], rows[1].Fields);
        Assert.Equal(["last", "row"], rows[2].Fields);
        Assert.Equal([1, 2, 4], rows.Select(r => r.Line));
    }

    [Fact]
    public void A_final_line_break_adds_no_row_and_an_empty_line_is_one_empty_field()
    {
        Assert.Equal([["a"], [""], ["b", ""]], CsvReader.ReadRows("a\n\nb,\n").ToArray());
        Assert.Empty(CsvReader.ReadRows(string.Empty));
        Assert.Equal([["a", "b"]], CsvReader.ReadRows("a,b\r").ToArray());
    }

    [Fact]
    public void A_quote_inside_an_unquoted_field_is_text() =>
        Assert.Equal([["5\" ruler", "x"]], CsvReader.ReadRows("5\" ruler,x").ToArray());

    [Fact]
    public void An_unclosed_quote_names_the_line_it_opens_on()
    {
        var ex = Assert.Throws<CsvFormatException>(() => CsvReader.ReadRows("a,b\nc,\"open\nstill open").ToArray());

        Assert.Equal(2, ex.Line);
    }

    [Fact]
    public void TextDecoder_reads_utf8_with_bom_and_falls_back_to_cp1252()
    {
        Assert.Equal("café", TextDecoder.Decode([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("café")]));
        Assert.Equal("café", TextDecoder.Decode(Encoding.UTF8.GetBytes("café")));
        Assert.Equal("café – ok", TextDecoder.Decode([.. Encoding.ASCII.GetBytes("caf"), 0xE9, .. Encoding.ASCII.GetBytes(" "), 0x96, .. Encoding.ASCII.GetBytes(" ok")]));
        Assert.Equal("caf", TextDecoder.Decode(Encoding.UTF8.GetBytes("café"), 4));
        Assert.Equal(["a", "b", "", "c"], TextDecoder.Lines("a\r\nb\n\rc\n"));
    }
}
