using System.Text;
using CodeUpdates.Ingestion.Answers;

namespace CodeUpdates.Tests.Answers;

public sealed class CodeListTests
{
    [Fact]
    public void Plain_text_is_one_code_a_line_trimmed_upper_cased_and_each_code_once()
    {
        var list = CodeList.Parse("text/plain; charset=utf-8", Encoding.UTF8.GetBytes(" e0114 \r\n\r\nG0279\ne0114\n99213\n"));

        Assert.True(list.Found);
        Assert.Equal(["E0114", "G0279", "99213"], list.Value.Codes);
    }

    [Fact]
    public void A_csv_header_that_names_the_code_column_picks_that_column()
    {
        var csv = "Description,HCPCS Code,Charge\r\n\"Cane, adjustable\",e0100,12.00\r\nWalker,E0130,40.00\r\n";

        var list = CodeList.Parse("text/csv", Encoding.UTF8.GetBytes(csv));

        Assert.True(list.Found);
        Assert.Equal(["E0100", "E0130"], list.Value.Codes);
    }

    [Fact]
    public void A_csv_without_a_code_header_reads_the_first_column_and_skips_a_header_that_is_no_code()
    {
        Assert.Equal(["E0100", "E0130"], CodeList.Parse("text/csv", Encoding.UTF8.GetBytes("E0100,cane\nE0130,walker\n")).Value!.Codes);
        Assert.Equal(["E0100"], CodeList.Parse("text/csv", Encoding.UTF8.GetBytes("Item,Name\nE0100,cane\n")).Value!.Codes);
    }

    [Fact]
    public void Json_takes_an_object_with_codes_or_a_bare_array()
    {
        Assert.Equal(["A0021", "G0008"], CodeList.Parse("application/json", Encoding.UTF8.GetBytes("{\"codes\":[\"a0021\",\"G0008\"]}")).Value!.Codes);
        Assert.Equal(["A0021"], CodeList.Parse("application/json", Encoding.UTF8.GetBytes("[\"A0021\"]")).Value!.Codes);
    }

    [Theory]
    [InlineData("text/plain", "E0114\nnot a code\n", "line 2")]
    [InlineData("text/csv", "code\nE0114\n\"unterminated\n", "line 3")]
    [InlineData("application/json", "{\"codes\":[\"E0114\",7]}", "item 2")]
    [InlineData("application/json", "{\"list\":[]}", "not a code list")]
    [InlineData("application/json", "{\"codes\":[", "not well formed")]
    public void A_body_that_is_not_a_code_list_is_refused_naming_where(string contentType, string body, string named)
    {
        var list = CodeList.Parse(contentType, Encoding.UTF8.GetBytes(body));

        Assert.False(list.Found);
        Assert.Equal(RefusalKind.Invalid, list.Refusal.Kind);
        Assert.Contains(named, list.Refusal.Detail);
    }

    [Theory]
    [InlineData("application/xml")]
    [InlineData(null)]
    public void A_media_type_it_cannot_read_is_refused_as_unsupported(string? contentType)
    {
        var list = CodeList.Parse(contentType, Encoding.UTF8.GetBytes("E0114"));

        Assert.Equal(RefusalKind.UnsupportedMediaType, list.Refusal!.Kind);
    }

    [Fact]
    public void More_than_the_bound_of_distinct_codes_is_too_large_but_repeats_do_not_count()
    {
        var codes = Enumerable.Range(0, CodeList.MaxCodes + 1).Select(i => $"{(char)('A' + i / 10000 % 26)}{i % 10000:D4}").ToArray();
        Assert.Equal(CodeList.MaxCodes + 1, codes.Distinct().Count());

        var tooMany = CodeList.Parse("text/plain", Encoding.UTF8.GetBytes(string.Join('\n', codes)));
        var repeated = CodeList.Parse("text/plain", Encoding.UTF8.GetBytes(string.Join('\n', codes.Take(10).Concat(codes.Take(CodeList.MaxCodes)))));

        Assert.Equal(RefusalKind.TooLarge, tooMany.Refusal!.Kind);
        Assert.Equal(CodeList.MaxCodes, repeated.Value!.Codes.Count);
    }

    [Fact]
    public void The_most_codes_fit_the_request_body_bound_one_a_line_or_as_json()
    {
        var codes = Enumerable.Range(0, CodeList.MaxCodes).Select(i => $"{(char)('A' + i / 10000 % 26)}{i % 10000:D4}").ToArray();
        var lines = Encoding.UTF8.GetBytes(string.Join("\r\n", codes) + "\r\n");
        var json = Encoding.UTF8.GetBytes("{ \"codes\": [" + string.Join(", ", codes.Select(c => $"\"{c}\"")) + "] }");

        Assert.True(lines.Length <= CodeUpdates.Functions.Http.RequestBody.MaxBytes, $"{lines.Length} bytes");
        Assert.True(json.Length <= CodeUpdates.Functions.Http.RequestBody.MaxBytes, $"{json.Length} bytes");
        Assert.Equal(CodeList.MaxCodes, CodeList.Parse("text/plain", lines).Value!.Codes.Count);
        Assert.Equal(CodeList.MaxCodes, CodeList.Parse("application/json", json).Value!.Codes.Count);
    }

    [Theory]
    [InlineData("CPT Code")]
    [InlineData("hcpcs")]
    [InlineData(" Code ")]
    [InlineData("HCPCS_CODE")]
    public void Each_header_name_of_a_code_column_picks_that_column_whatever_its_case(string header)
    {
        var csv = $"Charge,{header},Description\r\n12.00,e0100,cane\r\n40.00,E0130,walker\r\n";

        Assert.Equal(["E0100", "E0130"], CodeList.Parse("text/csv; charset=utf-8", Encoding.UTF8.GetBytes(csv)).Value!.Codes);
    }
}
