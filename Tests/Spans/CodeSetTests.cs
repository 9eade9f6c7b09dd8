using System.Text.Json;
using CodeUpdates.Ingestion.Answers;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Spans;

namespace CodeUpdates.Tests.Spans;

/// <summary>The whole code set on a date over the real CMS HCPCS 2017–2019 and October 2025 releases, against each code's dated lookup.</summary>
public sealed class CodeSetTests(CmsSpanVersions cms) : IClassFixture<CmsSpanVersions>
{
    [Theory]
    [InlineData("2018-07-01", "valid")]
    [InlineData("2025-11-01", null)]
    [InlineData("2021-06-30", "any")]
    public async Task The_code_set_is_every_code_valid_that_day_or_every_code_with_its_status(string date, string? status)
    {
        var expected = new List<string?[]>();
        foreach (var code in cms.Index.Codes(CodeSystem.Hcpcs).Select(v => v[0].Code))
        {
            var answer = (await cms.Lookup.AnswerAsync("hcpcs", code, date, CancellationToken.None)).Value!;
            if (answer.Valid || status == "any")
            {
                expected.Add([code, answer.Kind, JsonSerializer.Serialize(answer.Status).Trim('"'), answer.LongDescription, answer.ShortDescription,
                    IsoDate.Format(answer.ValidFrom), IsoDate.Format(answer.ValidTo), IsoDate.Format(answer.Release)]);
            }
        }

        var json = await SpanAnswers.JsonAsync(await cms.CodeSets.CodeSetAsync("hcpcs", date, null, status, CancellationToken.None));

        var rows = json.GetProperty("codes").EnumerateArray().Select(r => new[]
        {
            r.GetProperty("code").GetString(), r.GetProperty("kind").GetString(), r.GetProperty("status").GetString(),
            r.GetProperty("longDescription").GetString(), r.GetProperty("shortDescription").GetString(),
            r.GetProperty("validFrom").GetString(), r.GetProperty("validTo").GetString(), r.GetProperty("release").GetString(),
        }).ToArray();
        Assert.Equal(expected.Count, rows.Length);
        Assert.Equal(expected, rows);
        Assert.Equal(status ?? "valid", json.GetProperty("status").GetString());
        Assert.Equal(date, json.GetProperty("date").GetString());
        if (status == "any")
        {
            Assert.Equal(cms.Index.Codes(CodeSystem.Hcpcs).Count, rows.Length);
        }
        else
        {
            Assert.All(rows, r => Assert.Equal("active", r[2]));
            Assert.NotEmpty(rows);
        }
    }

    [Theory]
    [InlineData("2025-11-01", "valid", "hcpcs-code-set-2025-11-01")]
    [InlineData("2019-02-01", "any", "hcpcs-code-set-2019-02-01-any-status")]
    public async Task Csv_and_xlsx_rows_are_the_json_rows_under_a_name_that_says_system_and_date(string date, string status, string name)
    {
        var json = await SpanAnswers.JsonAsync(await cms.CodeSets.CodeSetAsync("hcpcs", date, "json", status, CancellationToken.None));
        var csvAnswer = await cms.CodeSets.CodeSetAsync("hcpcs", date, "csv", status, CancellationToken.None);
        var xlsxAnswer = await cms.CodeSets.CodeSetAsync("hcpcs", date, "XLSX", status, CancellationToken.None);

        var expected = json.GetProperty("codes").EnumerateArray().Select(r => new[]
        {
            r.GetProperty("code").GetString(), r.GetProperty("kind").GetString(), r.GetProperty("status").GetString(),
            r.GetProperty("longDescription").GetString(), r.GetProperty("shortDescription").GetString(),
            r.GetProperty("validFrom").GetString(), r.GetProperty("validTo").GetString(), r.GetProperty("release").GetString(),
        }).ToArray();
        var csv = SpanAnswers.Csv(await SpanAnswers.BytesAsync(csvAnswer));
        var xlsx = SpanAnswers.FirstSheet(await SpanAnswers.BytesAsync(xlsxAnswer));

        Assert.Equal<string?>(CodeSets.Header, csv[0]);
        Assert.Equal<string?>(CodeSets.Header, xlsx[0]);
        Assert.Equal(expected, csv.Skip(1));
        Assert.Equal(expected, xlsx.Skip(1));
        Assert.Equal(name + ".csv", csvAnswer.Value!.FileName);
        Assert.Equal(name + ".xlsx", xlsxAnswer.Value!.FileName);
        Assert.Equal(SpanFormats.XlsxMediaType, xlsxAnswer.Value.ContentType);
    }

    [Fact]
    public async Task The_tag_names_the_versions_and_the_query()
    {
        var a = await cms.CodeSets.CodeSetAsync("hcpcs", "2025-11-01", null, null, CancellationToken.None);
        var again = await cms.CodeSets.CodeSetAsync("hcpcs", "2025-11-01", "json", "valid", CancellationToken.None);
        var other = new[]
        {
            (await cms.CodeSets.CodeSetAsync("hcpcs", "2025-11-02", null, null, CancellationToken.None)).Tag,
            (await cms.CodeSets.CodeSetAsync("hcpcs", "2025-11-01", "xlsx", null, CancellationToken.None)).Tag,
            (await cms.CodeSets.CodeSetAsync("hcpcs", "2025-11-01", null, "any", CancellationToken.None)).Tag,
        };

        Assert.NotNull(a.Tag);
        Assert.Equal(a.Tag, again.Tag);
        Assert.DoesNotContain(a.Tag, other);
        Assert.Equal(3, other.Distinct().Count());
    }

    [Theory]
    [InlineData("icd", "2025-11-01", null, null, "system 'icd' is not known")]
    [InlineData("hcpcs", "2025-02-30", null, null, "date '2025-02-30' is not a date")]
    [InlineData("hcpcs", "2025-11-01", "pdf", null, "format 'pdf' is not offered")]
    [InlineData("hcpcs", "2025-11-01", null, "terminated", "status 'terminated' is not offered")]
    public async Task A_bad_query_is_refused_naming_the_problem_and_changes_nothing(string system, string date, string? format, string? status, string problem)
    {
        var before = await SpanAnswers.BytesAsync(await cms.CodeSets.CodeSetAsync("hcpcs", "2025-11-01", "csv", null, CancellationToken.None));

        var tag = cms.Index.Tag(CodeSystem.Hcpcs);

        var answer = await cms.CodeSets.CodeSetAsync(system, date, format, status, CancellationToken.None);

        Assert.False(answer.Found);
        Assert.Equal(RefusalKind.Invalid, answer.Refusal.Kind);
        Assert.Contains(problem, answer.Refusal.Detail);
        Assert.Equal(tag, cms.Index.Tag(CodeSystem.Hcpcs));
        Assert.Equal(before, await SpanAnswers.BytesAsync(await cms.CodeSets.CodeSetAsync("hcpcs", "2025-11-01", "csv", null, CancellationToken.None)));
    }
}
