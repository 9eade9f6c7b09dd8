using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Tests.Releases;
using CodeUpdates.Tests.Support;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace CodeUpdates.Tests.WebApp;

/// <summary>
/// The page of HCPCS 2018 corrected by CMS's V4 corrections document (2017 .txt, 2018 .xlsx, then V4) in Chromium at
/// 375 px: it says it is a correction of which file, lists what it changed against it and the lines not applied, and
/// the release list links the replaced file's changes, which serve answers. Its own Azurite: the shared web app's
/// 2018 stays uncorrected for the other page tests.
/// </summary>
[Trait(TestScope.Trait, TestScope.Integration)]
public sealed class CorrectionPageTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task The_corrected_release_page_says_it_is_a_correction_and_lists_the_lines_not_applied()
    {
        ReleaseRecord original;
        await using (var host = await IngestionHost.StartAsync(azurite))
        {
            await host.DropAsync("hcpcs/HCPC17_CONTR_ANWEB.txt", CmsFiles.Read(HcpcsTestData.Txt2017));
            original = (await host.DropAsync("hcpcs/HCPC2018_CONTR_ANWEB_disc.xlsx", CmsFiles.Read(HcpcsTestData.Xlsx2018))).Release!;
            Assert.Equal(IngestOutcome.Published, (await host.DropAsync("hcpcs/V4_HCPC2018_Corrections_ANWEB.xlsx", CmsFiles.Read(CmsCorrectionFiles.V4))).Outcome);
        }

        await using var serve = await ServeHost.StartAsync(azurite);
        var releases = (await serve.Http.GetFromJsonAsync<JsonElement>("/api/releases?system=hcpcs")).GetProperty("releases").EnumerateArray().ToArray();
        var replaced = releases.Single(r => r.GetProperty("status").GetString() == "superseded");
        var link = replaced.GetProperty("supersededChanges").GetString()!;
        Assert.Equal($"/api/releases/hcpcs/2018-01-01/superseded/{original.Sha256}/changes", link);
        var kept = await serve.Http.GetFromJsonAsync<JsonElement>(link);
        Assert.Equal(original.Sha256, kept.GetProperty("current").GetProperty("sha256").GetString());
        using var notReplaced = await serve.Http.GetAsync($"/api/releases/hcpcs/2018-01-01/superseded/{new string('0', 64)}/changes");
        Assert.Equal(HttpStatusCode.NotFound, notReplaced.StatusCode);
        Assert.Equal("application/problem+json", notReplaced.Content.Headers.ContentType?.MediaType);
        using var notHash = await serve.Http.GetAsync("/api/releases/hcpcs/2018-01-01/superseded/xyz/changes");
        Assert.Equal(HttpStatusCode.BadRequest, notHash.StatusCode);

        var correction = (await serve.Http.GetFromJsonAsync<JsonElement>("/api/releases/hcpcs/2018-01-01/changes")).GetProperty("correction");
        var unapplied = correction.GetProperty("corrections").GetProperty("unapplied").EnumerateArray().ToArray();
        var publishedOn = replaced.GetProperty("publishedAt").GetDateTimeOffset().UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = WebAppFixture.ChromiumPath, Args = ["--no-sandbox"], Headless = true });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = serve.Url, ViewportSize = new ViewportSize { Width = 375, Height = 740 }, Locale = "en-US" });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        await page.GotoAsync("/releases/hcpcs/2018-01-01");

        var section = page.Locator("section.correction");
        await Assertions.Expect(section.Locator("h2")).ToHaveTextAsync($"Correction of hcpcs/HCPC2018_CONTR_ANWEB_disc.xlsx published {publishedOn}", new() { Timeout = 30_000 });
        await Assertions.Expect(section.Locator(".correction-changes > li")).ToHaveCountAsync(correction.GetProperty("changes").GetArrayLength());
        await Assertions.Expect(section.Locator(".correction-outcome")).ToContainTextAsync($"{unapplied.Length} lines not applied");
        var rows = section.Locator("table.unapplied tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(unapplied.Length);
        for (var i = 0; i < unapplied.Length; i++)
        {
            await Assertions.Expect(rows.Nth(i)).ToContainTextAsync(unapplied[i].GetProperty("code").GetString()!);
            await Assertions.Expect(rows.Nth(i)).ToContainTextAsync(unapplied[i].GetProperty("text").GetString()!.Trim());
            await Assertions.Expect(rows.Nth(i)).ToContainTextAsync(unapplied[i].GetProperty("reason").GetString()!);
        }

        await Assertions.Expect(section.Locator($"a[href='{link}']")).ToHaveCountAsync(1);
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 375, $"the corrected release page is {width} px wide at 375 px");
        var serious = (await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}").ToArray();
        Assert.True(serious.Length == 0, string.Join("\n", serious));

        // The release list links the replaced file's changes from its card.
        await page.GotoAsync("/releases");
        await Assertions.Expect(page.Locator($".card-superseded a[href='{link}']")).ToHaveCountAsync(1);
        Assert.Empty(errors);
    }
}
