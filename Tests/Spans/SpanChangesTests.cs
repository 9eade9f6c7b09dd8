using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CodeUpdates.Ingestion.Answers;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Spans;

namespace CodeUpdates.Tests.Spans;

/// <summary>
/// The net change between two service dates over the real CMS HCPCS 2017–2019 and October 2025 releases, against an
/// independent computation: each code's dated lookup on both dates, with DESIGN.md's rule table applied here.
/// </summary>
public sealed partial class SpanChangesTests(CmsSpanVersions cms) : IClassFixture<CmsSpanVersions>
{
    [Theory]
    [InlineData("2017-01-01", "2019-06-30")]
    [InlineData("2018-03-15", "2025-11-01")]
    [InlineData("2016-06-01", "2017-03-01")]
    public async Task The_net_change_of_the_whole_system_is_each_codes_as_of_answers_compared(string from, string to)
    {
        var expected = (await ExpectedAsync(from, to, AllCodes()))
            .Where(e => e.Value.Change is "added" or "deleted" or "revised")
            .ToDictionary();

        var json = await SpanAnswers.JsonAsync(await cms.Spans.ChangesAsync("hcpcs", from, to, null, null, CancellationToken.None));

        var rows = json.GetProperty("changes").EnumerateArray().ToArray();
        var codes = rows.Select(r => r.GetProperty("code").GetString()!).ToArray();
        Assert.Equal(codes.Order(StringComparer.Ordinal), codes);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), codes);
        foreach (var row in rows)
        {
            AssertRow(expected[row.GetProperty("code").GetString()!], row);
        }

        Assert.Equal(from, json.GetProperty("from").GetString());
        Assert.Equal(to, json.GetProperty("to").GetString());
        Assert.Equal(
            cms.Releases.Select(r => r.Effective).Where(d => d > Date(from) && d <= Date(to)).Select(IsoDate.Format),
            json.GetProperty("releases").EnumerateArray().Select(d => d.GetString()));
        var counts = json.GetProperty("counts").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        Assert.Equal(["added", "deleted", "revised"], counts.Keys);
        Assert.All(counts, c => Assert.Equal(expected.Values.Count(e => e.Change == c.Key), c.Value));
    }

    [Fact]
    public async Task The_2019_to_2025_gap_has_additions_deletions_and_revisions_with_their_words_marked()
    {
        var json = await SpanAnswers.JsonAsync(await cms.Spans.ChangesAsync("hcpcs", "2019-01-01", "2025-11-01", "json", null, CancellationToken.None));

        var counts = json.GetProperty("counts");
        Assert.All(new[] { "added", "deleted", "revised" }, c => Assert.True(counts.GetProperty(c).GetInt32() > 0, c));
        Assert.Equal(["2025-10-01"], json.GetProperty("releases").EnumerateArray().Select(d => d.GetString()));
        foreach (var row in json.GetProperty("changes").EnumerateArray().Where(r => r.GetProperty("change").GetString() == "revised"))
        {
            foreach (var revision in row.GetProperty("revisions").EnumerateArray())
            {
                var words = revision.GetProperty("words").EnumerateArray().Select(w => (Change: w.GetProperty("change").GetString(), Text: w.GetProperty("text").GetString())).ToArray();
                Assert.Equal(Collapse(revision.GetProperty("before").GetString()), string.Join(' ', words.Where(w => w.Change != "Inserted").Select(w => w.Text)));
                Assert.Equal(Collapse(revision.GetProperty("after").GetString()), string.Join(' ', words.Where(w => w.Change != "Removed").Select(w => w.Text)));
            }
        }
    }

    [Fact]
    public async Task A_code_list_gets_one_row_a_listed_code_also_unchanged_invalid_and_unknown()
    {
        const string from = "2018-06-01", to = "2025-11-01";
        var all = await ExpectedAsync(from, to, AllCodes());
        var picked = new[] { "added", "deleted", "revised", "unchanged", "invalid" }
            .Select(change => all.First(e => e.Value.Change == change).Key)
            .Append("ZZ999")
            .ToArray();
        Assert.Null(cms.Index.Find(CodeSystem.Hcpcs, "ZZ999"));
        var body = string.Join("\r\n", picked.Select(c => "  " + c.ToLowerInvariant() + " ").Concat(picked.Take(2)));

        var json = await SpanAnswers.JsonAsync(await cms.Spans.ChangesAsync("hcpcs", from, to, null, "text/plain", Encoding.UTF8.GetBytes(body), CancellationToken.None));

        var expected = await ExpectedAsync(from, to, picked);
        var rows = json.GetProperty("changes").EnumerateArray().ToArray();
        Assert.Equal(picked.Order(StringComparer.Ordinal), rows.Select(r => r.GetProperty("code").GetString()));
        foreach (var row in rows)
        {
            AssertRow(expected[row.GetProperty("code").GetString()!], row);
        }

        var counts = json.GetProperty("counts").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        Assert.Equal(["added", "deleted", "revised", "unchanged", "invalid", "unknown"], counts.Keys);
        Assert.All(counts.Values, n => Assert.Equal(1, n));
        var unknown = rows.Single(r => r.GetProperty("change").GetString() == "unknown");
        Assert.Equal(JsonValueKind.Null, unknown.GetProperty("before").ValueKind);
        Assert.Equal(JsonValueKind.Null, unknown.GetProperty("after").ValueKind);
    }

    [Fact]
    public async Task The_codes_query_value_answers_as_the_same_list_posted_as_json()
    {
        var query = await SpanAnswers.BytesAsync(await cms.Spans.ChangesAsync("hcpcs", "2017-01-01", "2025-11-01", null, "g0008, e0114,Q0091", CancellationToken.None));
        var posted = await SpanAnswers.BytesAsync(await cms.Spans.ChangesAsync(
            "hcpcs", "2017-01-01", "2025-11-01", null, "application/json", """{"codes":["Q0091","E0114","G0008","g0008"]}"""u8.ToArray(), CancellationToken.None));

        Assert.Equal(Encoding.UTF8.GetString(query), Encoding.UTF8.GetString(posted));
        Assert.Equal(3, JsonDocument.Parse(query).RootElement.GetProperty("changes").GetArrayLength());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("E0114,G0008,ZZ999,A4206,J9035,Q0091")]
    public async Task Csv_and_xlsx_rows_are_the_json_rows(string? codes)
    {
        const string from = "2019-01-01", to = "2025-11-01";
        var json = await SpanAnswers.JsonAsync(await cms.Spans.ChangesAsync("hcpcs", from, to, "json", codes, CancellationToken.None));
        var csvAnswer = await cms.Spans.ChangesAsync("hcpcs", from, to, "csv", codes, CancellationToken.None);
        var xlsxAnswer = await cms.Spans.ChangesAsync("hcpcs", from, to, "xlsx", codes, CancellationToken.None);

        var expected = json.GetProperty("changes").EnumerateArray().Select(r => new[]
        {
            r.GetProperty("code").GetString(),
            r.GetProperty("change").GetString(),
            Empty(string.Join(", ", r.GetProperty("descriptors").EnumerateArray().Select(d => d.GetString()))),
            YesNo(r.GetProperty("before")),
            Text(r.GetProperty("before"), "longDescription"),
            Text(r.GetProperty("before"), "shortDescription"),
            YesNo(r.GetProperty("after")),
            Text(r.GetProperty("after"), "longDescription"),
            Text(r.GetProperty("after"), "shortDescription"),
            r.GetProperty("validTo").GetString(),
            Empty(string.Join(" ", r.GetProperty("replacedBy").EnumerateArray().Select(d => d.GetString()))),
        }).ToArray();
        Assert.NotEmpty(expected);

        var csv = SpanAnswers.Csv(await SpanAnswers.BytesAsync(csvAnswer));
        var xlsx = SpanAnswers.FirstSheet(await SpanAnswers.BytesAsync(xlsxAnswer));
        Assert.Equal<string?>(SpanTable.Header, csv[0]);
        Assert.Equal<string?>(SpanTable.Header, xlsx[0]);
        Assert.Equal(expected, csv.Skip(1));
        Assert.Equal(expected, xlsx.Skip(1));
        Assert.Equal("hcpcs-changes-2019-01-01-to-2025-11-01.csv", csvAnswer.Value!.FileName);
        Assert.Equal("hcpcs-changes-2019-01-01-to-2025-11-01.xlsx", xlsxAnswer.Value!.FileName);
        Assert.StartsWith("text/csv", csvAnswer.Value.ContentType);
    }

    [Fact]
    public async Task The_tag_names_the_versions_and_the_query_and_a_post_is_not_tagged()
    {
        var a = await cms.Spans.ChangesAsync("hcpcs", "2019-01-01", "2025-11-01", null, null, CancellationToken.None);
        var again = await cms.Spans.ChangesAsync("HCPCS", "2019-01-01", "2025-11-01", "json", null, CancellationToken.None);
        var csv = await cms.Spans.ChangesAsync("hcpcs", "2019-01-01", "2025-11-01", "csv", null, CancellationToken.None);
        var list = await cms.Spans.ChangesAsync("hcpcs", "2019-01-01", "2025-11-01", null, "E0114", CancellationToken.None);
        var posted = await cms.Spans.ChangesAsync("hcpcs", "2019-01-01", "2025-11-01", null, "text/plain", "E0114"u8.ToArray(), CancellationToken.None);

        Assert.NotNull(a.Tag);
        Assert.Equal(a.Tag, again.Tag);
        Assert.Equal(4, new[] { a.Tag, csv.Tag, list.Tag, cms.Index.Tag(CodeSystem.Hcpcs) }.Distinct().Count());
        Assert.Null(posted.Tag);
    }

    [Theory]
    [InlineData("icd", "2019-01-01", "2025-11-01", null, null, "system 'icd' is not known")]
    [InlineData("hcpcs", "2019-13-01", "2025-11-01", null, null, "from: date '2019-13-01' is not a date")]
    [InlineData("hcpcs", null, "2025-11-01", null, null, "from is required")]
    [InlineData("hcpcs", "2019-01-01", "", null, null, "to is required")]
    [InlineData("hcpcs", "2025-11-01", "2019-01-01", null, null, "from 2025-11-01 is not before to 2019-01-01")]
    [InlineData("hcpcs", "2019-01-01", "2019-01-01", null, null, "is not before")]
    [InlineData("hcpcs", "2019-01-01", "2025-11-01", "pdf", null, "format 'pdf' is not offered")]
    [InlineData("hcpcs", "2019-01-01", "2025-11-01", null, "E0114,E01145", "item 2 of codes: code 'E01145' is not a code")]
    public async Task A_bad_query_is_refused_naming_the_problem_and_changes_nothing(string? system, string? from, string? to, string? format, string? codes, string problem)
    {
        var before = await StateAsync();

        var answer = await cms.Spans.ChangesAsync(system, from, to, format, codes, CancellationToken.None);

        Assert.False(answer.Found);
        Assert.Equal(RefusalKind.Invalid, answer.Refusal.Kind);
        Assert.Contains(problem, answer.Refusal.Detail);
        Assert.Equal(before, await StateAsync());
    }

    [Theory]
    [InlineData("application/xml", "<codes><code>E0114</code></codes>", RefusalKind.UnsupportedMediaType, "Content-Type 'application/xml' is not read here")]
    [InlineData(null, "E0114", RefusalKind.UnsupportedMediaType, "no Content-Type")]
    [InlineData("text/plain", "E0114\r\nnot a code\r\n", RefusalKind.Invalid, "line 2: code 'not a code' is not a code")]
    [InlineData("text/csv", "HCPCS Code,Charge\r\nE0114,10\r\n1234,5\r\n", RefusalKind.Invalid, "line 3: code '1234' is not a code")]
    [InlineData("application/json", "{\"list\":[\"E0114\"]}", RefusalKind.Invalid, "not a code list")]
    [InlineData("text/plain", "\r\n \r\n", RefusalKind.Invalid, "the code list holds no code")]
    public async Task A_body_that_is_not_a_code_list_is_refused_naming_the_problem_and_changes_nothing(string? contentType, string body, RefusalKind kind, string problem)
    {
        var before = await StateAsync();

        var answer = await cms.Spans.ChangesAsync("hcpcs", "2019-01-01", "2025-11-01", null, contentType, Encoding.UTF8.GetBytes(body), CancellationToken.None);

        Assert.False(answer.Found);
        Assert.Equal(kind, answer.Refusal.Kind);
        Assert.Contains(problem, answer.Refusal.Detail);
        Assert.Equal(before, await StateAsync());
    }

    [Fact]
    public async Task More_than_the_most_codes_is_too_large_and_the_most_codes_are_answered()
    {
        var codes = Enumerable.Range(0, CodeList.MaxCodes + 1).Select(i => $"{(char)('A' + i / 10000 % 26)}{i % 10000:D4}").ToArray();
        var before = await StateAsync();

        var tooMany = await cms.Spans.ChangesAsync("hcpcs", "2019-01-01", "2025-11-01", null, "text/plain", Encoding.UTF8.GetBytes(string.Join("\r\n", codes)), CancellationToken.None);
        var most = await cms.Spans.ChangesAsync("hcpcs", "2019-01-01", "2025-11-01", null, "text/plain", Encoding.UTF8.GetBytes(string.Join("\r\n", codes.Skip(1))), CancellationToken.None);

        Assert.Equal(RefusalKind.TooLarge, tooMany.Refusal!.Kind);
        Assert.Contains("more than 100,000 codes", tooMany.Refusal.Detail);
        Assert.Equal(before, await StateAsync());
        var json = await SpanAnswers.JsonAsync(most);
        Assert.Equal(CodeList.MaxCodes, json.GetProperty("changes").GetArrayLength());
        Assert.Equal(CodeList.MaxCodes, json.GetProperty("counts").EnumerateObject().Sum(c => c.Value.GetInt32()));
    }

    private static void AssertRow((string Change, string[] Descriptors, bool? ValidBefore, string? LongBefore, bool? ValidAfter, string? LongAfter) expected, JsonElement row)
    {
        var because = row.GetProperty("code").GetString();
        Assert.True(expected.Change == row.GetProperty("change").GetString(), $"{because}: {expected.Change} expected, {row.GetProperty("change")} answered");
        Assert.Equal(expected.Descriptors, row.GetProperty("descriptors").EnumerateArray().Select(d => d.GetString()));
        foreach (var (side, valid, longText) in new[] { ("before", expected.ValidBefore, expected.LongBefore), ("after", expected.ValidAfter, expected.LongAfter) })
        {
            var answered = row.GetProperty(side);
            if (valid is null)
            {
                Assert.Equal(JsonValueKind.Null, answered.ValueKind);
                continue;
            }

            Assert.True(valid == answered.GetProperty("valid").GetBoolean(), $"{because} {side}");
            Assert.True(longText == answered.GetProperty("longDescription").GetString(), $"{because} {side}");
        }
    }

    /// <summary>The rule table of DESIGN.md applied to each code's dated lookups on both dates.</summary>
    private async Task<Dictionary<string, (string Change, string[] Descriptors, bool? ValidBefore, string? LongBefore, bool? ValidAfter, string? LongAfter)>> ExpectedAsync(
        string from, string to, IEnumerable<string> codes)
    {
        var expected = new Dictionary<string, (string, string[], bool?, string?, bool?, string?)>(StringComparer.Ordinal);
        foreach (var code in codes)
        {
            var before = await cms.Lookup.AnswerAsync("hcpcs", code, from, CancellationToken.None);
            var after = await cms.Lookup.AnswerAsync("hcpcs", code, to, CancellationToken.None);
            if (!before.Found || !after.Found)
            {
                expected[code] = ("unknown", [], null, null, null, null);
                continue;
            }

            var (b, a) = (before.Value, after.Value);
            var differing = a.Descriptors.Keys.Where(k => b.Descriptors.ContainsKey(k) && Collapse(b.Descriptors[k]) != Collapse(a.Descriptors[k])).ToArray();
            var change = (b.Valid, a.Valid) switch
            {
                (true, true) => differing.Length > 0 ? "revised" : "unchanged",
                (true, false) => "deleted",
                (false, true) => "added",
                _ => "invalid",
            };
            expected[code] = (change, change == "revised" ? differing : [], b.Valid, b.LongDescription, a.Valid, a.LongDescription);
        }

        return expected;
    }

    private IEnumerable<string> AllCodes() => cms.Index.Codes(CodeSystem.Hcpcs).Select(v => v[0].Code);

    /// <summary>What a refused request could have changed: the versions' tag and a listed span's answer.</summary>
    private async Task<string> StateAsync() =>
        cms.Index.Tag(CodeSystem.Hcpcs) + Encoding.UTF8.GetString(await SpanAnswers.BytesAsync(
            await cms.Spans.ChangesAsync("hcpcs", "2017-01-01", "2025-11-01", null, "E0114,G0008,A4206,J9035,Q0091,ZZ999", CancellationToken.None)));

    private static DateOnly Date(string value) => IsoDate.ParseOrNull(value)!.Value;

    private static string Collapse(string? text) => WhiteSpace().Replace(text ?? string.Empty, " ").Trim();

    private static string? Empty(string value) => value.Length == 0 ? null : value;

    private static string? YesNo(JsonElement side) => side.ValueKind == JsonValueKind.Null ? null : side.GetProperty("valid").GetBoolean() ? "yes" : "no";

    private static string? Text(JsonElement side, string name) => side.ValueKind == JsonValueKind.Null ? null : side.GetProperty(name).GetString();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
