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
        await AssertAuditOfCodePageAsync(serve, page, errors, original, corrected: releases.Single(r => r.GetProperty("status").GetString() == "published" && r.GetProperty("effective").GetString() == "2018-01-01"));
    }

    /// <summary>
    /// The code page asked as known at the instant the original 2018 was published, then now: the text CodeUpdates
    /// answered then (the 2018 workbook's), the API's answer at each instant, and the version V4 replaced listed now.
    /// </summary>
    private static async Task AssertAuditOfCodePageAsync(ServeHost serve, IPage page, List<string> errors, ReleaseRecord original, JsonElement corrected)
    {
        var then = original.PublishedAt!.Value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);
        var apiThen = await serve.Http.GetFromJsonAsync<JsonElement>($"/api/codes/hcpcs/G0279?date=2018-06-01&knownAt={then}");
        var apiNow = await serve.Http.GetFromJsonAsync<JsonElement>("/api/codes/hcpcs/G0279?date=2018-06-01");
        var longThen = apiThen.GetProperty("descriptors").GetProperty("long").GetString()!;
        Assert.NotEqual(longThen, apiNow.GetProperty("descriptors").GetProperty("long").GetString());
        var in2018 = HcpcsTestData.Read(HcpcsTestData.Xlsx2018).ByCode()["G0279"];
        Assert.Equal(in2018.LongDescription, longThen);

        await page.GotoAsync($"/codes/hcpcs/G0279?date=2018-06-01&knownAt={then}");
        await Assertions.Expect(page.Locator(".answer .known-at")).ToHaveTextAsync(
            $"As CodeUpdates answered at {apiThen.GetProperty("knownAt").GetString()}, from the releases published by then (the last at {apiThen.GetProperty("knownAsOf").GetString()}).", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator(".answer .descriptors dt:text-is('Long description') + dd")).ToHaveTextAsync(longThen);
        await Assertions.Expect(page.Locator(".superseded")).ToContainTextAsync("Nothing CodeUpdates answered for G0279 had been replaced by");
        // The field shows the instant in UTC to the second (Chromium leaves out 00 seconds).
        var shown = DateTime.Parse(
            await page.Locator("#known-at").InputValueAsync(),
            System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal);
        var published = original.PublishedAt!.Value.UtcDateTime;
        Assert.Equal(published.AddTicks(-(published.Ticks % TimeSpan.TicksPerSecond)), shown);
        var serious = (await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}").ToArray();
        Assert.True(serious.Length == 0, string.Join("\n", serious));

        // A new instant typed in loads the page at that address; the version V4 replaced is listed with who replaced it.
        // Seconds other than 00: Chromium writes a datetime-local value with 00 seconds without them, which fill() refuses.
        var soon = DateTime.UtcNow.AddMinutes(2);
        var now = new DateTime(soon.Year, soon.Month, soon.Day, soon.Hour, soon.Minute, 30, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        await page.Locator("#known-at").FillAsync(now);
        await page.Locator(".audit-form button").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains($"knownAt={Uri.EscapeDataString(now + ".000Z")}", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator(".answer .descriptors dt:text-is('Long description') + dd")).ToHaveTextAsync(apiNow.GetProperty("descriptors").GetProperty("long").GetString()!, new() { Timeout = 30_000 });
        var replaced = page.Locator(".superseded li", new() { HasText = longThen });
        await Assertions.Expect(replaced).ToHaveCountAsync(1);
        await Assertions.Expect(replaced).ToContainTextAsync($"when {corrected.GetProperty("source").GetString()} (the release of 2018-01-01) replaced it");

        // A code V4 removed: unknown at that instant, in the API's words (the browser logs the lookup's 404, and only that).
        Assert.Empty(errors);
        await page.GotoAsync($"/codes/hcpcs/G9890?date=2018-06-01&knownAt={Uri.EscapeDataString(now + "Z")}");
        await Assertions.Expect(page.Locator(".answer .error")).ToContainTextAsync("was not known at", new() { Timeout = 30_000 });
        Assert.All(errors, e => Assert.Contains("status of 404", e, StringComparison.Ordinal));
        errors.Clear();
        await page.GotoAsync("/codes/hcpcs/G0279?date=2018-06-01");
        await Assertions.Expect(page.Locator(".answer .known-at")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator(".superseded")).ToHaveCountAsync(0);
        Assert.Empty(errors);
    }
}
