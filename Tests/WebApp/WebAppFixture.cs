using CodeUpdates.Ingestion.Access;
using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Tests.Support;
using Microsoft.Playwright;

namespace CodeUpdates.Tests.WebApp;

/// <summary>
/// One <c>codeupdates serve</c> on a free loopback port over its own Azurite, with the real CMS 2018 and
/// 2019 HCPCS releases published, and one headless Debian Chromium driven by Playwright: shared by every
/// browser test, which each open their own browser context.
/// </summary>
public sealed class WebAppFixture : IAsyncLifetime
{
    /// <summary>Debian's Chromium (scripts/test installs it): Playwright's own browser download is not reachable here.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    public const string RejectedFile = "hcpcs/2019-04-01/HCPC2019_APR_ANWEB.xlsx";

    private readonly AzuriteFixture azurite = new();
    private ServeHost? serve;
    private ServeHost? signedInServe;
    private IPlaywright? playwright;

    public string BaseUrl => serve?.Url ?? throw new InvalidOperationException("serve has not started");

    /// <summary>The same storage behind <c>serve --require-auth</c>: pages and calls as the caller in X-MS-CLIENT-PRINCIPAL, as in Azure.</summary>
    public string SignedInBaseUrl => signedInServe?.Url ?? throw new InvalidOperationException("serve --require-auth has not started");

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await azurite.InitializeAsync();
        await using (var host = await IngestionHost.StartAsync(azurite))
        {
            foreach (var (name, file) in new[] { ("hcpcs/2018-01-01/HCPC2018_CONTR_ANWEB_disc.txt", CmsFiles.Txt2018), ("hcpcs/2019-01-01/HCPC2019_CONTR_ANWEB.txt", CmsFiles.Txt2019) })
            {
                var result = await host.DropAsync(name, CmsFiles.Read(file));
                if (result.Outcome != IngestOutcome.Published)
                {
                    throw new InvalidOperationException($"{name}: {result.Outcome} {result.Release?.Reason}");
                }
            }

            // A file that is no release: the releases page shows it rejected, with its reason and where it is kept.
            await host.DropAsync(RejectedFile, "not a workbook"u8.ToArray());
        }

        serve = await ServeHost.StartAsync(azurite);
        signedInServe = await ServeHost.StartAsync(azurite, requireAuth: true);

        // The release page draws a few thousand changes; on 2 busy cores that can take longer than Playwright's default 5 s.
        Assertions.SetDefaultExpectTimeout(20_000);
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Args = ["--no-sandbox"],
            Headless = true,
        });
    }

    /// <summary>A fresh page (own cookies and storage) at the given size, logging what the browser reports as an error.</summary>
    /// <param name="principal">An X-MS-CLIENT-PRINCIPAL sent with every request, as App Service Authentication adds it; the page is then on <see cref="SignedInBaseUrl"/>.</param>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900, string? principal = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = principal is null ? BaseUrl : SignedInBaseUrl,
            ExtraHTTPHeaders = principal is null ? null : new Dictionary<string, string> { [ClientPrincipalHeader.Name] = principal },
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-US",
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (BrowserErrors)
                {
                    BrowserErrors.Add($"{page.Url}: {message.Text}");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (BrowserErrors)
            {
                BrowserErrors.Add($"{page.Url}: {error}");
            }
        };
        return page;
    }

    /// <summary>Console errors and uncaught exceptions (a Content-Security-Policy violation is one) from every page so far.</summary>
    public List<string> BrowserErrors { get; } = [];

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
        if (serve is not null)
        {
            await serve.DisposeAsync();
        }

        if (signedInServe is not null)
        {
            await signedInServe.DisposeAsync();
        }

        await azurite.DisposeAsync();
    }
}
