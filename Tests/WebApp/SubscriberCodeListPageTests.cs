using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CodeUpdates.Tests.Support;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace CodeUpdates.Tests.WebApp;

/// <summary>An admin uploads a subscriber's code list as a CSV on the subscribers page, in a real browser against <c>serve</c>.</summary>
[Collection(WebAppCollection.Name)]
[Trait(TestScope.Trait, TestScope.Integration)]
public sealed class SubscriberCodeListPageTests(WebAppFixture web)
{
    [Fact]
    public async Task An_admin_uploads_a_csv_code_list_and_sees_its_count()
    {
        const string email = "list.upload@example.org";
        var page = await web.NewPageAsync(375, 740);
        await page.GotoAsync("/subscribers");
        await page.GetByLabel("Mail address").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add or update" }).ClickAsync();
        var card = page.Locator(".card", new() { HasText = email });
        await Assertions.Expect(card).ToContainTextAsync("Follows HCPCS");

        // A chargemaster export: the code in the second column under a header that names it, a code twice in two cases.
        string[] codes = ["E0114", "a4563", " G0279 ", "e0114", "C8904"];
        var csv = "Description,HCPCS Code\n" + string.Concat(codes.Select((c, i) => $"Item {i},{c}\n"));
        var expected = codes.Select(c => c.Trim().ToUpperInvariant()).Distinct(StringComparer.Ordinal).Count();
        await page.GetByLabel("Subscriber", new() { Exact = true }).SelectOptionAsync(email);
        await page.GetByLabel("Code list (CSV with a code column").SetInputFilesAsync(new FilePayload { Name = "chargemaster.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload code list" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToHaveTextAsync($"{email} keeps {expected} codes.");
        await Assertions.Expect(card).ToContainTextAsync($"Code list: {expected} codes");
        await page.ReloadAsync();
        await Assertions.Expect(card).ToContainTextAsync($"Code list: {expected} codes");
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 375, $"the subscribers page is {width} px wide at 375 px");
        var serious = (await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}").ToArray();
        Assert.True(serious.Length == 0, string.Join("\n", serious));

        // The same route refuses a file with a line that holds no code, by its line, and keeps the list.
        using var http = new HttpClient { BaseAddress = new Uri(web.BaseUrl) };
        using var bad = new ByteArrayContent("code\nE0114\nnot a code\n"u8.ToArray());
        bad.Headers.ContentType = new("text/csv");
        using var refused = await http.PutAsync($"/api/subscribers/{Uri.EscapeDataString(email)}/codes", bad);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("line 3: code 'not a code'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var kept = await http.GetFromJsonAsync<JsonElement>($"/api/subscribers/{Uri.EscapeDataString(email)}/codes");
        Assert.Equal(expected, kept.GetProperty("codeCount").GetInt32());
        Assert.Equal(["E0114", "A4563", "G0279", "C8904"], kept.GetProperty("codes").EnumerateArray().Select(c => c.GetString()));
        Assert.DoesNotContain(web.BrowserErrors, e => e.Contains("/subscribers", StringComparison.Ordinal));

        await http.DeleteAsync($"/api/subscribers/{Uri.EscapeDataString(email)}");
    }
}
