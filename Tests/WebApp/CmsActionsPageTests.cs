using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Tests.Support;
using Microsoft.Playwright;

namespace CodeUpdates.Tests.WebApp;

/// <summary>
/// The real January 2019 HCPCS release page and a reused code's page in Chromium: how many codes CMS's action codes
/// disagree on, what to do per cause, the quarters not loaded, and the reused mark.
/// </summary>
[Collection(WebAppCollection.Name)]
[Trait(TestScope.Trait, TestScope.Integration)]
public sealed class CmsActionsPageTests(WebAppFixture web)
{
    [Fact]
    public async Task The_release_page_says_how_many_codes_disagree_what_to_do_per_cause_and_which_quarters_are_not_loaded()
    {
        using var http = new HttpClient { BaseAddress = new Uri(web.BaseUrl) };
        var actions = (await http.GetFromJsonAsync<JsonElement>("/api/releases/hcpcs/2019-01-01/changes")).GetProperty("cmsActions");
        var compared = ReleaseReader.Read(new ReleaseFile("HCPC2019_CONTR_ANWEB.txt", CmsFiles.Read(CmsFiles.Txt2019)))
            .Codes.Count(c => !string.IsNullOrWhiteSpace(c.ActionCode));
        var page = await web.NewPageAsync();
        await page.GotoAsync("/releases/hcpcs/2019-01-01");

        var section = page.Locator(".cms-evidence");
        await Assertions.Expect(section.Locator(".cms-actions-count"))
            .ToHaveTextAsync($"CMS's action codes disagree with the change computed here for 30 codes of {compared.ToString("N0", CultureInfo.InvariantCulture)}:");
        await Assertions.Expect(section.Locator(".cms-causes li"))
            .ToHaveTextAsync(actions.GetProperty("causes").EnumerateArray().Select(c => c.GetProperty("advice").GetString()!).ToArray());
        await Assertions.Expect(section.Locator(".gap")).ToContainTextAsync(
            "effective 2018-01-01: the quarterly releases of 2018-04-01, 2018-07-01 and 2018-10-01 are not loaded");
        await Assertions.Expect(section.Locator(".cms-disagreements tbody tr")).ToHaveCountAsync(30);

        await section.Locator(".cms-disagreements summary").ClickAsync();
        var g9890 = section.Locator(".cms-disagreements tbody tr", new() { HasText = "G9890" });
        await Assertions.Expect(g9890).ToContainTextAsync("reused the code with a new meaning");
        await Assertions.Expect(page.Locator(".change-list-revised > li", new() { HasText = "G9890" }).Locator(".badge-reused")).ToHaveTextAsync("reused");
        await Assertions.Expect(page.Locator(".badge-reused")).ToHaveCountAsync(
            (await http.GetFromJsonAsync<JsonElement>("/api/releases/hcpcs/2019-01-01/changes")).GetProperty("changes").EnumerateArray()
                .Count(c => c.TryGetProperty("reused", out var r) && r.GetBoolean()));
    }

    [Fact]
    public async Task A_reused_code_s_page_marks_the_version_that_starts_its_new_meaning()
    {
        var page = await web.NewPageAsync();
        await page.GotoAsync("/codes/hcpcs/G9890?date=2019-06-01");

        var versions = page.Locator(".timeline > li");
        await Assertions.Expect(versions).ToHaveCountAsync(2);
        await Assertions.Expect(versions.Nth(0).Locator(".badge-reused")).ToHaveCountAsync(0);
        await Assertions.Expect(versions.Nth(1).Locator("h3 .badge-reused")).ToHaveTextAsync("reused");
        await Assertions.Expect(versions.Nth(1).Locator(".reused")).ToContainTextAsync("CMS reused G9890 with a new meaning from ");
    }
}
