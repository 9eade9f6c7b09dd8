using CodeUpdates.Ingestion.Access;
using CodeUpdates.Tests.Support;
using Microsoft.Playwright;

namespace CodeUpdates.Tests.WebApp;

/// <summary>
/// The web app names who is signed in and shows the admin pages' links to admins only, from GET /api/me:
/// behind <c>serve --require-auth</c> with the principal App Service Authentication would pass, and on plain <c>serve</c>.
/// </summary>
[Collection(WebAppCollection.Name)]
[Trait(TestScope.Trait, TestScope.Integration)]
public sealed class SignedInWebAppTests(WebAppFixture web)
{
    [Fact]
    public async Task A_reader_sees_their_name_and_no_subscribers_link_and_the_page_itself_says_it_needs_an_admin()
    {
        var page = await web.NewPageAsync(principal: PlatformPrincipal.Person("coder@example.org", AppRoles.Reader));
        await page.GotoAsync("/releases");

        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await Assertions.Expect(nav.Locator(".who")).ToHaveTextAsync("Signed in as coder@example.org");
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Releases" })).ToBeVisibleAsync();
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Subscribers" })).ToHaveCountAsync(0);

        // Typed in by hand, the admin page shows the API's refusal in words.
        await page.GotoAsync("/subscribers");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync(AppRoles.Admin);
    }

    [Fact]
    public async Task An_admin_sees_their_name_and_the_subscribers_link()
    {
        var page = await web.NewPageAsync(principal: PlatformPrincipal.Person("admin@example.org", AppRoles.Admin));
        await page.GotoAsync("/");

        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await Assertions.Expect(nav.Locator(".who")).ToHaveTextAsync("Signed in as admin@example.org (admin)");
        await nav.GetByRole(AriaRole.Link, new() { Name = "Subscribers" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Mail address")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task On_plain_serve_the_local_caller_is_the_admin()
    {
        var page = await web.NewPageAsync();
        await page.GotoAsync("/");

        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await Assertions.Expect(nav.Locator(".who")).ToHaveTextAsync($"Signed in as {Caller.LocalAdmin.Name} (admin)");
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Subscribers" })).ToBeVisibleAsync();
    }
}
