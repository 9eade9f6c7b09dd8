using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CodeUpdates.Tests.Spans;
using CodeUpdates.Tests.Support;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace CodeUpdates.Tests.WebApp;

/// <summary>
/// The /changes page in Chromium over the real CMS 2018 and 2019 HCPCS releases: the counts and rows the span
/// API answers, for the whole system and for a code list typed or uploaded, the downloads of what is shown,
/// the code-set downloads of a release page, and a bad span told in words.
/// </summary>
[Collection(WebAppCollection.Name)]
[Trait(TestScope.Trait, TestScope.Integration)]
public sealed class ChangesPageTests(WebAppFixture web)
{
    private const string From = "2018-06-01";
    private const string To = "2019-06-01";
    private const string SpanLink = $"/changes?system=hcpcs&from={From}&to={To}";

    public static readonly TheoryData<string> Links =
    [
        SpanLink,
        SpanLink + "&codes=C8904,E0114,G0279,Q2041,Z9999",
    ];

    [Fact]
    public async Task A_deep_link_shows_the_counts_releases_and_rows_the_api_answers_and_reloads_to_the_same()
    {
        var answer = await GetJsonAsync($"/api/changes/hcpcs?from={From}&to={To}");
        var page = await web.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) => errors.Add(message.Type == "error" ? message.Text : string.Empty);
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync(SpanLink);
        var first = await WebAppBrowserTests.SettledMainAsync(page);

        await ExpectCountsAsync(page, answer);
        await Assertions.Expect(page.Locator(".span-releases")).ToHaveTextAsync(
            $"Releases in the span: {string.Join(", ", answer.GetProperty("releases").EnumerateArray().Select(r => r.GetString()))}.");
        Assert.Equal(Rows(answer), await ShownRowsAsync(page));

        // Each code links to its page on the "to" date; revised rows mark removed and inserted words, named for screen readers.
        var revised = answer.GetProperty("changes").EnumerateArray().First(c => c.GetProperty("change").GetString() == "revised");
        var code = revised.GetProperty("code").GetString()!;
        var row = page.Locator(".span-changes > li", new() { Has = page.Locator($"a.code:text-is('{code}')") });
        await Assertions.Expect(row.Locator("a.code")).ToHaveAttributeAsync("href", $"/codes/hcpcs/{code}?date={To}");
        var words = revised.GetProperty("revisions").EnumerateArray().SelectMany(r => r.GetProperty("words").EnumerateArray()).ToArray();
        await Assertions.Expect(row.Locator("dl.revisions ins")).ToHaveCountAsync(words.Count(w => Is(w, "inserted")));
        await Assertions.Expect(row.Locator("dl.revisions del")).ToHaveCountAsync(words.Count(w => Is(w, "removed")));
        if (await row.Locator("del").CountAsync() > 0)
        {
            await Assertions.Expect(row.Locator("del").First.Locator(".visually-hidden")).ToHaveTextAsync("removed: ");
        }

        await page.ReloadAsync();
        Assert.Equal(first, await WebAppBrowserTests.SettledMainAsync(page));
        Assert.All(errors, e => Assert.Empty(e));
    }

    [Fact]
    public async Task An_uploaded_csv_code_list_shows_one_row_a_listed_code_with_the_counts_the_api_answers_for_the_same_list()
    {
        var whole = await GetJsonAsync($"/api/changes/hcpcs?from={From}&to={To}");
        var invalid = await CodeValidOnNeitherDateAsync();
        string[] listed = [.. new[] { "added", "deleted", "revised" }.Select(kind => FirstOf(whole, kind)), "E0114", invalid, "Z9999"];
        var csv = "Description,HCPCS Code\r\n" + string.Concat(listed.Select((code, i) => $"\"item {i}, ours\",{code}\r\n"));
        var expected = await PostJsonAsync(csv);

        var page = await UploadAsync(csv);

        await ExpectCountsAsync(page, expected);
        var shown = await ShownRowsAsync(page);
        Assert.Equal(listed.Order(StringComparer.Ordinal), shown.Select(r => r.Code));
        Assert.Equal(Rows(expected), shown);
        Assert.Contains((invalid, "invalid"), shown);
        Assert.Contains(("Z9999", "unknown"), shown);
        foreach (var kind in new[] { "added", "deleted", "revised" })
        {
            Assert.Contains((FirstOf(whole, kind), kind), shown);
        }

        // The list is not in the address, and the page says a reload forgets it.
        Assert.Equal($"{web.BaseUrl}{SpanLink}", page.Url);
        await Assertions.Expect(page.Locator(".note")).ToContainTextAsync("the uploaded file codes.csv: it is not in the address");
    }

    [Fact]
    public async Task The_csv_download_of_an_uploaded_list_holds_exactly_the_rows_shown()
    {
        var whole = await GetJsonAsync($"/api/changes/hcpcs?from={From}&to={To}");
        var csv = "code\n" + string.Join("\n", whole.GetProperty("changes").EnumerateArray().Take(40).Select(c => c.GetProperty("code").GetString()).Append("Z9999"));
        var page = await UploadAsync(csv);
        var shown = await ShownRowsAsync(page);

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator(".downloads").GetByRole(AriaRole.Button, new() { Name = "CSV" }).ClickAsync());

        Assert.Equal($"hcpcs-changes-{From}-to-{To}.csv", download.SuggestedFilename);
        var rows = SpanAnswers.Csv(await File.ReadAllBytesAsync(await download.PathAsync()));
        Assert.Equal("Code", rows[0][0]);
        Assert.Equal(shown, rows.Skip(1).Select(r => (r[0]!, r[1]!)));
        Assert.Equal(41, shown.Count);
    }

    [Fact]
    public async Task The_csv_download_of_a_typed_list_in_the_address_holds_exactly_the_rows_shown()
    {
        var page = await web.NewPageAsync();
        await page.GotoAsync(SpanLink);
        await WebAppBrowserTests.SettledMainAsync(page);
        await page.GetByLabel("Your codes (optional").FillAsync("C8904\nE0114, g0279\nZ9999");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show changes" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync($"{web.BaseUrl}{SpanLink}&codes=C8904%2CE0114%2Cg0279%2CZ9999");
        await WebAppBrowserTests.SettledMainAsync(page);
        var shown = await ShownRowsAsync(page);

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator(".downloads").GetByRole(AriaRole.Link, new() { Name = "CSV" }).ClickAsync());

        var rows = SpanAnswers.Csv(await File.ReadAllBytesAsync(await download.PathAsync()));
        Assert.Equal(shown, rows.Skip(1).Select(r => (r[0]!, r[1]!)));
        Assert.Equal(["C8904", "E0114", "G0279", "Z9999"], shown.Select(r => r.Code));
    }

    [Fact]
    public async Task The_code_set_link_of_a_release_page_downloads_a_workbook_with_a_row_a_code_of_the_json_code_set()
    {
        var codeSet = await GetJsonAsync("/api/code-sets/hcpcs/2019-01-01?format=json");
        var page = await web.NewPageAsync();
        await page.GotoAsync("/releases/hcpcs/2019-01-01");
        var links = page.Locator(".code-set-downloads");
        await Assertions.Expect(links).ToContainTextAsync("Download the HCPCS code set valid on 2019-01-01");

        var download = await page.RunAndWaitForDownloadAsync(() => links.GetByRole(AriaRole.Link, new() { Name = "workbook (.xlsx)" }).ClickAsync());

        Assert.Null(await download.FailureAsync());
        Assert.Equal("hcpcs-code-set-2019-01-01.xlsx", download.SuggestedFilename);
        var sheet = SpanAnswers.FirstSheet(await File.ReadAllBytesAsync(await download.PathAsync()));
        Assert.Equal(codeSet.GetProperty("codes").GetArrayLength(), sheet.Count - 1);
        Assert.True(sheet.Count > 5_000, $"{sheet.Count} rows");

        // The search page offers the same for its own date and system.
        await page.GotoAsync("/search?system=hcpcs&q=wheelchair&date=2019-06-01");
        await Assertions.Expect(page.Locator(".code-set-downloads").GetByRole(AriaRole.Link, new() { Name = "comma-separated text" }))
            .ToHaveAttributeAsync("href", "/api/code-sets/hcpcs/2019-06-01?format=csv");
    }

    [Fact]
    public async Task A_span_whose_from_is_not_before_to_shows_the_api_s_problem_in_words_and_keeps_the_form()
    {
        using var http = new HttpClient { BaseAddress = new Uri(web.BaseUrl) };
        using var response = await http.GetAsync($"/api/changes/hcpcs?from={To}&to={From}");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var page = await web.NewPageAsync();

        await page.GotoAsync($"/changes?system=hcpcs&from={To}&to={From}");

        var alert = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(alert).ToHaveTextAsync($"{problem.GetProperty("title").GetString()} — {problem.GetProperty("detail").GetString()}");
        await Assertions.Expect(alert).ToContainTextAsync($"from {To} is not before to {From}");
        await Assertions.Expect(page.GetByLabel("From service date")).ToHaveValueAsync(To);
        await Assertions.Expect(page.Locator(".span-changes")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_csv_with_a_line_that_is_no_code_shows_the_api_s_problem_naming_the_line()
    {
        const string csv = "code\nE0114\nnot a code!\n";
        using var http = new HttpClient { BaseAddress = new Uri(web.BaseUrl) };
        using var response = await http.PostAsync($"/api/changes/hcpcs?from={From}&to={To}", new StringContent(csv, Encoding.UTF8, "text/csv"));
        Assert.Equal(400, (int)response.StatusCode);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;
        Assert.StartsWith("line 3: ", detail, StringComparison.Ordinal);

        var page = await UploadAsync(csv, settle: false);

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync(detail);
        await Assertions.Expect(page.Locator(".span-changes")).ToHaveCountAsync(0);
    }

    [Theory]
    [MemberData(nameof(Links))]
    public async Task Axe_finds_no_serious_or_critical_violation_on_the_changes_page(string link)
    {
        var page = await web.NewPageAsync();
        await page.GotoAsync(link);
        await WebAppBrowserTests.SettledMainAsync(page);

        var result = await page.RunAxe();

        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target))}").ToArray();
        Assert.True(serious.Length == 0, string.Join("\n", serious));
    }

    [Theory]
    [MemberData(nameof(Links))]
    public async Task The_changes_page_fits_a_375_pixel_wide_screen(string link)
    {
        var page = await web.NewPageAsync(375, 740);
        await page.GotoAsync(link);
        await WebAppBrowserTests.SettledMainAsync(page);

        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");

        Assert.True(width <= 375, $"{link} is {width} px wide at 375 px");
        await Assertions.Expect(page.Locator("h1")).ToBeInViewportAsync();
    }

    private async Task<IPage> UploadAsync(string csv, bool settle = true)
    {
        var page = await web.NewPageAsync();
        await page.GotoAsync(SpanLink);
        await WebAppBrowserTests.SettledMainAsync(page);
        await page.GetByLabel("Or a CSV of your codes").SetInputFilesAsync(new FilePayload { Name = "codes.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Show changes" }).ClickAsync();
        if (settle)
        {
            await Assertions.Expect(page.Locator(".note")).ToBeVisibleAsync();
        }

        return page;
    }

    private static async Task ExpectCountsAsync(IPage page, JsonElement answer)
    {
        var counts = answer.GetProperty("counts").EnumerateObject().ToArray();
        await Assertions.Expect(page.Locator(".summary > li")).ToHaveTextAsync(
            counts.Select(c => $"{c.Value.GetInt32().ToString("N0", CultureInfo.InvariantCulture)} {c.Name}").ToArray());
    }

    /// <summary>The rows as the page shows them: each row's code and the change its badge names.</summary>
    private static async Task<List<(string Code, string Change)>> ShownRowsAsync(IPage page)
    {
        var rows = await page.Locator(".span-changes > li").EvaluateAllAsync<string[][]>(
            "items => items.map(li => [li.querySelector('a.code').textContent, li.querySelector('.badge-change').textContent])");
        return [.. rows.Select(r => (r[0], r[1]))];
    }

    private static List<(string Code, string Change)> Rows(JsonElement answer) =>
        [.. answer.GetProperty("changes").EnumerateArray().Select(c => (c.GetProperty("code").GetString()!, c.GetProperty("change").GetString()!))];

    private static bool Is(JsonElement word, string change) =>
        string.Equals(word.GetProperty("change").GetString(), change, StringComparison.OrdinalIgnoreCase);

    private static string FirstOf(JsonElement answer, string kind) =>
        answer.GetProperty("changes").EnumerateArray().First(c => c.GetProperty("change").GetString() == kind).GetProperty("code").GetString()!;

    /// <summary>A code a loaded release has that is valid on neither date, found from the code sets of both days.</summary>
    private async Task<string> CodeValidOnNeitherDateAsync()
    {
        var onFrom = await GetJsonAsync($"/api/code-sets/hcpcs/{From}?status=any&format=json");
        var validOnTo = (await GetJsonAsync($"/api/code-sets/hcpcs/{To}?format=json")).GetProperty("codes").EnumerateArray()
            .Select(c => c.GetProperty("code").GetString()).ToHashSet();
        return onFrom.GetProperty("codes").EnumerateArray()
            .First(c => c.GetProperty("status").GetString() != "active" && !validOnTo.Contains(c.GetProperty("code").GetString()))
            .GetProperty("code").GetString()!;
    }

    private async Task<JsonElement> GetJsonAsync(string route)
    {
        using var http = new HttpClient { BaseAddress = new Uri(web.BaseUrl) };
        return await http.GetFromJsonAsync<JsonElement>(route);
    }

    private async Task<JsonElement> PostJsonAsync(string csv)
    {
        using var http = new HttpClient { BaseAddress = new Uri(web.BaseUrl) };
        using var response = await http.PostAsync($"/api/changes/hcpcs?from={From}&to={To}", new StringContent(csv, Encoding.UTF8, "text/csv"));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
