using CodeUpdates.Tests.Support;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CodeUpdates.Functions.WebApp;
using CodeUpdates.Ingestion.Versions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace CodeUpdates.Tests.WebApp;

/// <summary>
/// The web app in a real browser (Debian's Chromium through Playwright) against <c>codeupdates serve</c> with
/// the real CMS 2018 and 2019 HCPCS releases: what a coder or an admin sees, reloads, reaches by keyboard,
/// on a phone, and what axe-core finds.
/// </summary>
[Collection(WebAppCollection.Name)]
[Trait(TestScope.Trait, TestScope.Integration)]
public sealed class WebAppBrowserTests(WebAppFixture web)
{
    public static readonly TheoryData<string> DeepLinks =
    [
        "/",
        "/codes/hcpcs/C8904?date=2019-03-01",
        "/codes/hcpcs/E0114?date=2018-06-01",
        "/search?system=hcpcs&q=wheelchair&date=2019-06-01",
        "/releases",
        "/releases/hcpcs/2019-01-01",
        "/subscribers",
    ];

    [Fact]
    public async Task A_terminated_code_says_so_with_its_last_day_and_replacement_and_a_new_date_updates_the_answer_and_the_address()
    {
        var page = await web.NewPageAsync();
        await page.GotoAsync("/codes/hcpcs/C8904?date=2019-03-01");

        var verdict = page.Locator("#answer-heading");
        await Assertions.Expect(verdict).ToHaveTextAsync("Not valid on 2019-03-01: terminated");
        await Assertions.Expect(page.Locator(".reason")).ToHaveTextAsync("Terminated on 2018-12-31; replaced by 77046.");
        await Assertions.Expect(page.Locator(".answer dd", new() { HasText = "2018-12-31" }).First).ToBeVisibleAsync();
        var replacement = page.Locator(".answer").GetByRole(AriaRole.Link, new() { Name = "77046" });
        await Assertions.Expect(replacement).ToHaveAttributeAsync("href", "/codes/cpt/77046?date=2019-03-01");

        await page.GetByLabel("Service date").FillAsync("2018-06-01");

        await Assertions.Expect(verdict).ToHaveTextAsync("Valid on 2018-06-01");
        await Assertions.Expect(page).ToHaveURLAsync(web.BaseUrl + "/codes/hcpcs/C8904?date=2018-06-01");
        await Assertions.Expect(page.Locator(".answer")).ToContainTextAsync("Magnetic resonance imaging without contrast, breast; unilateral");

        // The address is the page: reloading it answers for the new date, and Back returns to the first.
        await page.ReloadAsync();
        await Assertions.Expect(verdict).ToHaveTextAsync("Valid on 2018-06-01");
        await page.GoBackAsync();
        await Assertions.Expect(verdict).ToHaveTextAsync("Not valid on 2019-03-01: terminated");
    }

    [Fact]
    public async Task A_code_shows_every_descriptor_and_cms_field_in_force_on_the_date_and_its_history()
    {
        var page = await web.NewPageAsync();
        await page.GotoAsync("/codes/hcpcs/E0114?date=2018-06-01");

        await Assertions.Expect(page.Locator("#answer-heading")).ToHaveTextAsync("Valid on 2018-06-01");
        var text = page.Locator(".answer dl.descriptors");
        // The 2018 CMS file's long and short descriptions of E0114 (the long one spans two records there).
        await Assertions.Expect(text.Locator("dt")).ToHaveTextAsync(["Long description", "Short description"]);
        await Assertions.Expect(text.Locator("dd")).ToHaveTextAsync(
            ["Crutches underarm, other than wood, adjustable or fixed, pair, with pads, tips and handgrips", "Crutch underarm pair no wood"]);
        await Assertions.Expect(page.Locator(".history ol.timeline > li").First).ToContainTextAsync("Crutches underarm");

        // The CMS fields the 2018 file states for E0114, beside the text, each under its CMS label and name.
        var year2018 = HcpcsTestData.Read(HcpcsTestData.Txt2018).ByCode();
        var year2019 = HcpcsTestData.Read(HcpcsTestData.Txt2019).ByCode();
        var fields = page.Locator(".answer dl.cms-fields");
        await Assertions.Expect(fields.Locator("dt", new() { HasText = "Coverage code (COV)" })).ToBeVisibleAsync();
        await Assertions.Expect(fields.Locator("dt", new() { HasText = "Berenson-Eggers type of service (BETOS)" })).ToBeVisibleAsync();
        await Assertions.Expect(fields.Locator("dd")).ToHaveTextAsync(CmsFieldValues(year2018["E0114"]));

        // A code valid through both years whose CMS fields changed from 2018 to 2019 without a word of its text changing: each date shows its release's.
        var code = year2019.Values.OrderBy(c => c.Code, StringComparer.Ordinal).First(after =>
            year2018.TryGetValue(after.Code, out var was)
            && was.LongDescription == after.LongDescription && was.ShortDescription == after.ShortDescription
            && after.TerminationDate is null && (after.AddDate ?? DateOnly.MinValue) < new DateOnly(2018, 1, 1)
            && CmsFieldValues(was).Length > 0
            && !CmsFieldValues(was).SequenceEqual(CmsFieldValues(after))).Code;
        await page.GotoAsync($"/codes/hcpcs/{code}?date=2018-06-01");
        await Assertions.Expect(page.Locator("#answer-heading")).ToHaveTextAsync("Valid on 2018-06-01");
        await Assertions.Expect(fields.Locator("dd")).ToHaveTextAsync(CmsFieldValues(year2018[code]));
        await page.GetByLabel("Service date").FillAsync("2019-06-01");
        await Assertions.Expect(page.Locator("#answer-heading")).ToHaveTextAsync("Valid on 2019-06-01");
        await Assertions.Expect(fields.Locator("dd")).ToHaveTextAsync(CmsFieldValues(year2019[code]));
    }

    /// <summary>The code's lookup fields as the CMS file states them, in the order of the record layout.</summary>
    private static string[] CmsFieldValues(Ingestion.ReleaseFiles.CodeRecord record) =>
        CmsFields.Names.Select(name => record.Administrative.GetValueOrDefault(name)).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!).ToArray();

    [Fact]
    public async Task A_revised_code_history_marks_the_removed_and_inserted_words_between_versions()
    {
        // A code the 2019 release revised: the release page lists it; its history marks the same words.
        var revised = (await Changes()).First(c => c.GetProperty("change").GetString() == "revised");
        var code = revised.GetProperty("code").GetString();
        var removed = revised.GetProperty("textRevisions")[0].GetProperty("words").EnumerateArray()
            .Where(w => w.GetProperty("change").GetString()!.Equals("removed", StringComparison.OrdinalIgnoreCase)).Select(w => w.GetProperty("text").GetString()).ToArray();

        var page = await web.NewPageAsync();
        await page.GotoAsync($"/codes/hcpcs/{code}?date=2019-06-01");

        var timeline = page.Locator(".history ol.timeline > li");
        await Assertions.Expect(timeline).ToHaveCountAsync(2);
        await Assertions.Expect(timeline.Nth(1).Locator("ins").First).ToBeVisibleAsync();
        if (removed.Length > 0)
        {
            await Assertions.Expect(timeline.Nth(1).Locator("del").First).ToContainTextAsync(removed[0]!);
        }
    }

    [Fact]
    public async Task The_first_release_of_a_system_is_an_initial_load_of_its_codes_on_the_releases_and_release_pages()
    {
        var page = await web.NewPageAsync();
        await page.GotoAsync("/releases/hcpcs/2018-01-01");
        await Assertions.Expect(page.Locator("main p").First).ToHaveTextAsync(new Regex("^Initial load: [0-9,]+ codes from hcpcs/"));
        await Assertions.Expect(page.Locator(".summary")).ToHaveCountAsync(0);

        await page.GotoAsync("/releases");
        var card = page.Locator(".card", new() { Has = page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("2018-01-01") }) });
        await Assertions.Expect(card.Locator(".counts")).ToHaveTextAsync(new Regex("^initial load, [0-9,]+ codes$"));
    }

    [Fact]
    public async Task A_release_page_shows_the_counts_and_each_revised_code_with_its_words_marked()
    {
        var page = await web.NewPageAsync();
        await page.GotoAsync("/releases/hcpcs/2019-01-01");

        await Assertions.Expect(page.Locator(".summary .count-added")).ToHaveTextAsync("228 added");
        await Assertions.Expect(page.Locator(".summary .count-deleted")).ToHaveTextAsync("52 deleted");
        await Assertions.Expect(page.Locator(".summary .count-revised")).ToHaveTextAsync("122 revised");
        await Assertions.Expect(page.Locator(".change-list-added > li")).ToHaveCountAsync(228);
        await Assertions.Expect(page.Locator(".change-list-deleted > li")).ToHaveCountAsync(52);
        await Assertions.Expect(page.Locator(".change-list-revised > li")).ToHaveCountAsync(122);
        Assert.True(await page.Locator(".change-list-revised del").CountAsync() > 0, "no removed word marked");
        Assert.True(await page.Locator(".change-list-revised ins").CountAsync() > 0, "no inserted word marked");

        // C8904 is among the deletions, with its last valid day and its replacement.
        var c8904 = page.Locator(".change-list-deleted > li", new() { HasText = "C8904" });
        await Assertions.Expect(c8904).ToContainTextAsync("2018-12-31");
        await Assertions.Expect(c8904.GetByRole(AriaRole.Link, new() { Name = "77046" })).ToBeVisibleAsync();

        // Filters narrow the list to one change type and to the codes whose code or text has the word; the address keeps them.
        var revisedTexts = (await Changes()).Where(c => c.GetProperty("change").GetString() == "revised")
            .Select(c => string.Join(' ', c.GetProperty("before").EnumerateObject().Concat(c.GetProperty("after").EnumerateObject()).Select(p => p.Value.GetString())))
            .ToArray();
        // A word of the second revised code's text (a real word of the release, whatever it is).
        var word = Regex.Matches(revisedTexts[1], "[A-Za-z]{5,}")[0].Value.ToLowerInvariant();
        var expected = revisedTexts.Count(t => t.Contains(word, StringComparison.OrdinalIgnoreCase));
        Assert.InRange(expected, 1, 121);
        await page.GetByLabel("Change type").SelectOptionAsync("revised");
        await page.GetByLabel("Code or word").FillAsync(word);
        await Assertions.Expect(page.Locator(".change-list-added")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".change-list-revised > li")).ToHaveCountAsync(expected);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"change=revised&q={word}$"));
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator(".change-list-revised > li")).ToHaveCountAsync(expected);

        var csv = page.GetByRole(AriaRole.Link, new() { Name = "CSV" });
        await Assertions.Expect(csv).ToHaveAttributeAsync("href", "/api/releases/hcpcs/2019-01-01/changes?format=csv");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Excel (.xlsx)" }))
            .ToHaveAttributeAsync("href", "/api/releases/hcpcs/2019-01-01/changes?format=xlsx");
    }

    [Fact]
    public async Task The_releases_page_lists_every_drop_with_its_status_and_a_rejected_file_with_its_reason_and_where_it_is_kept()
    {
        var page = await web.NewPageAsync();
        await page.GotoAsync("/releases");

        var published = page.Locator(".card-published");
        await Assertions.Expect(published).ToHaveCountAsync(2);
        await Assertions.Expect(published.First).ToContainTextAsync("228 added · 52 deleted · 122 revised");
        await Assertions.Expect(published.First).ToContainTextAsync("2018-01-01");
        var rejected = page.Locator(".card-rejected");
        await Assertions.Expect(rejected).ToContainTextAsync("Why rejected");
        await Assertions.Expect(rejected).ToContainTextAsync("quarantine/" + WebAppFixture.RejectedFile);
    }

    [Fact]
    public async Task A_word_search_lists_only_codes_valid_on_the_date_whose_text_has_the_word_and_pages_through_them()
    {
        var page = await web.NewPageAsync();
        await page.GotoAsync("/search?system=hcpcs&q=wheelchair&date=2019-06-01");

        using var http = new HttpClient { BaseAddress = new Uri(web.BaseUrl) };
        var api = await http.GetFromJsonAsync<JsonElement>("/api/codes/hcpcs?q=wheelchair&date=2019-06-01&count=1000");
        var total = api.GetProperty("total").GetInt32();
        Assert.True(total > 50, $"{total} wheelchair codes");

        var rows = page.Locator("ol.results > li");
        await Assertions.Expect(rows).ToHaveCountAsync(50);
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"{total} matches among HCPCS codes valid on 2019-06-01");
        foreach (var row in await rows.AllAsync())
        {
            await Assertions.Expect(row.Locator(".badge")).ToHaveTextAsync("valid");
            // The word starts a word of the long or of the short description.
            var texts = await row.Locator(".result-text, .result-short").AllTextContentsAsync();
            Assert.Contains(texts, t => Regex.IsMatch(t, @"\bwheelchair", RegexOptions.IgnoreCase));
        }

        await page.GetByRole(AriaRole.Link, new() { Name = "Next 50" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("offset=50"));
        await Assertions.Expect(rows.First).ToContainTextAsync(api.GetProperty("items")[50].GetProperty("code").GetString()!);
    }

    [Fact]
    public async Task The_keyboard_alone_searches_and_opens_a_code()
    {
        var page = await web.NewPageAsync();
        await page.GotoAsync("/");

        // The search box has the focus on arrival and the date defaults to today: type, Enter.
        await Assertions.Expect(page.GetByLabel("Code or words")).ToBeFocusedAsync();
        var today = await page.GetByLabel("Service date").InputValueAsync();
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", today);
        await page.Keyboard.TypeAsync("wheelchair");
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page).ToHaveURLAsync(web.BaseUrl + $"/search?q=wheelchair&system=hcpcs&date={today}");
        var link = page.Locator("ol.results a.code").First;
        var code = await link.TextContentAsync();
        for (var i = 0; i < 30 && !await link.EvaluateAsync<bool>("e => e === document.activeElement"); i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        await Assertions.Expect(link).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(web.BaseUrl + $"/codes/hcpcs/{code}?date={today}");
        await Assertions.Expect(page.Locator("#answer-heading")).ToHaveTextAsync($"Valid on {today}");
    }

    [Fact]
    public async Task An_admin_adds_and_removes_a_subscriber()
    {
        var page = await web.NewPageAsync();
        await page.GotoAsync("/subscribers");

        await page.GetByLabel("Mail address").FillAsync("coder@example.org");
        await page.GetByLabel("CPT").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add or update" }).ClickAsync();
        var card = page.Locator(".card", new() { HasText = "coder@example.org" });
        await Assertions.Expect(card).ToContainTextAsync("Follows HCPCS, CPT");

        await page.ReloadAsync();
        await Assertions.Expect(card).ToContainTextAsync("Follows HCPCS, CPT");
        await card.GetByRole(AriaRole.Button, new() { Name = "Remove coder@example.org" }).ClickAsync();
        await Assertions.Expect(card).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToHaveTextAsync("coder@example.org removed.");
    }

    [Theory]
    [MemberData(nameof(DeepLinks))]
    public async Task Each_deep_link_reloads_to_the_same_page(string link)
    {
        var page = await web.NewPageAsync();
        var response = await page.GotoAsync(link);
        Assert.Equal(WebAssetResult.ContentSecurityPolicy, await response!.HeaderValueAsync("content-security-policy"));
        var first = await SettledMainAsync(page);

        await page.ReloadAsync();

        Assert.Equal(first, await SettledMainAsync(page));
        Assert.Equal(web.BaseUrl + link, page.Url);
        Assert.DoesNotContain(web.BrowserErrors, e => e.Contains(link, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(DeepLinks))]
    public async Task Axe_finds_no_serious_or_critical_violation(string link)
    {
        var page = await web.NewPageAsync();
        await page.GotoAsync(link);
        await SettledMainAsync(page);

        var result = await page.RunAxe();

        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target))}").ToArray();
        Assert.True(serious.Length == 0, string.Join("\n", serious));
    }

    [Theory]
    [MemberData(nameof(DeepLinks))]
    public async Task Each_page_fits_a_375_pixel_wide_screen(string link)
    {
        var page = await web.NewPageAsync(375, 740);
        await page.GotoAsync(link);
        await SettledMainAsync(page);

        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");

        Assert.True(width <= 375, $"{link} is {width} px wide at 375 px");
        await Assertions.Expect(page.Locator("h1")).ToBeInViewportAsync();
    }

    private async Task<JsonElement[]> Changes()
    {
        using var http = new HttpClient { BaseAddress = new Uri(web.BaseUrl) };
        var json = await http.GetFromJsonAsync<JsonElement>("/api/releases/hcpcs/2019-01-01/changes");
        return [.. json.GetProperty("changes").EnumerateArray()];
    }

    /// <summary>The main content once the page has drawn it (no "Loading…", "Searching…" left).</summary>
    internal static async Task<string> SettledMainAsync(IPage page)
    {
        await Assertions.Expect(page.Locator("main[aria-busy=false]")).ToBeAttachedAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        return await page.Locator("main").InnerTextAsync();
    }
}
