using CodeUpdates.Tests.Support;
using Microsoft.Playwright;

namespace CodeUpdates.Tests.WebApp;

/// <summary>
/// Pictures of the code page, a release page and the changes page as the README shows them. They land in the test output,
/// or in the folder named by CODEUPDATES_SCREENSHOTS (scripts/screenshots points it at docs/).
/// </summary>
[Collection(WebAppCollection.Name)]
[Trait(TestScope.Trait, TestScope.Integration)]
public sealed class WebAppScreenshots(WebAppFixture web)
{
    [Theory]
    [InlineData("/codes/hcpcs/C8904?date=2019-03-01", "web-code-page.png")]
    [InlineData("/releases/hcpcs/2019-01-01?change=revised", "web-release-page.png")]
    [InlineData("/changes?system=hcpcs&from=2018-06-01&to=2019-06-01&codes=C8904,E0114,G0279,Q2041,Z9999", "web-changes-page.png")]
    public async Task A_screenshot_of_the_page_is_taken(string link, string file)
    {
        var folder = Environment.GetEnvironmentVariable("CODEUPDATES_SCREENSHOTS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, file);
        var page = await web.NewPageAsync(1100, 1000);
        await page.GotoAsync(link);
        await WebAppBrowserTests.SettledMainAsync(page);

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, Type = ScreenshotType.Png });

        Assert.True(new FileInfo(path).Length > 20_000, $"{path} looks empty");
    }
}
