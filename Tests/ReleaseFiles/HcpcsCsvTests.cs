using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.ReleaseFiles.Hcpcs;
using CodeUpdates.Ingestion.ReleaseFiles.Tabular;
using CodeUpdates.Tests.Support;
using System.Globalization;
using System.Text;
using ExcelDataReader;
using Xunit;
using static CodeUpdates.Tests.Support.HcpcsTestData;


namespace CodeUpdates.Tests.ReleaseFiles;

/// <summary>The ANWEB columns saved as CSV read the same as the workbook they came from.</summary>
public sealed class HcpcsCsvTests
{
    [Theory]
    [InlineData(Xlsx2018)]
    [InlineData(Xlsx2019)]
    public void A_csv_written_from_the_workbook_rows_reads_the_same_as_the_workbook(string xlsx)
    {
        // Every row of the sheet, disclaimer rows above the header included, RFC 4180 quoted.
        var csv = new StringBuilder();
        CodePages.EnsureRegistered(); // ExcelDataReader asks for cp1252
        using (var stream = File.OpenRead(RepoPaths.Cms(xlsx)))
        using (var reader = ExcelReaderFactory.CreateReader(stream))
        {
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (i > 0)
                    {
                        csv.Append(',');
                    }

                    csv.Append(Quote(reader.GetValue(i)));
                }

                csv.Append("\r\n");
            }
        }

        var fromCsv = HcpcsAnwebReader.Read([new ReleaseMember(Path.ChangeExtension(Path.GetFileName(xlsx), ".csv"), Encoding.UTF8.GetBytes(csv.ToString()))]);

        Assert.Equal(Read(xlsx).Codes.Select(Describe), fromCsv.Codes.Select(Describe));
    }

    [Fact]
    public void Csv_quoting_commas_quotes_and_line_breaks_survive()
    {
        var header = string.Join(",", HcpcsFields.Names.Select(n => Quote(n)));
        var row = new string?[HcpcsFields.Count];
        row[HcpcsFields.Hcpc] = "E0114";
        row[HcpcsFields.RecId] = "3";
        row[HcpcsFields.LongDescription] = "Crutches, underarm, \"other than wood\",\nadjustable \u2013 pair";
        row[HcpcsFields.ShortDescription] = "Crutch underarm pair no wood";
        row[HcpcsFields.AddDate] = "19840101";
        var csv = "Disclaimer line\n" + header + "\n" + string.Join(",", row.Select(v => Quote(v))) + "\n";

        var code = HcpcsAnwebReader.Read([new ReleaseMember("anweb.csv", CodePages.Cp1252.GetBytes(csv))]).Codes.Single();

        Assert.Equal("E0114", code.Code);
        Assert.Equal("Crutches, underarm, \"other than wood\",\nadjustable \u2013 pair", code.LongDescription);
        Assert.Equal(new DateOnly(1984, 1, 1), code.AddDate);
        Assert.True(HcpcsAnwebReader.Recognizes(new ReleaseMember("codes.csv", Encoding.UTF8.GetBytes(csv))));
    }

    [Fact]
    public void A_csv_bad_date_names_its_line()
    {
        var header = string.Join(",", HcpcsFields.Names);
        var row = new string[HcpcsFields.Count];
        Array.Fill(row, string.Empty);
        row[HcpcsFields.Hcpc] = "A0021";
        row[HcpcsFields.RecId] = "3";
        row[HcpcsFields.TerminationDate] = "2019-13-01";

        var ex = Assert.Throws<InvalidReleaseException>(
            () => HcpcsAnwebReader.Read([new ReleaseMember("anweb.csv", Encoding.UTF8.GetBytes(header + "\r\n" + string.Join(",", row)))]));

        Assert.Equal("anweb.csv, line 2: TERM DT of code A0021 is '2019-13-01'; expected a date as yyyyMMdd (for example 20240101)", ex.Message);
    }

    private static string Quote(object? value)
    {
        var text = value switch
        {
            null => string.Empty,
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? string.Empty,
        };
        return "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
