using CodeUpdates.Ingestion;
using CodeUpdates.Ingestion.Access;
using CodeUpdates.Ingestion.Storage;
using CodeUpdates.Cli.Serve;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace CodeUpdates.Tests.Support;

/// <summary><c>codeupdates serve</c> as <see cref="ServeCommand"/> builds it, on a free loopback port against a test's Azurite.</summary>
public sealed class ServeHost : IAsyncDisposable
{
    private ServeHost(WebApplication app, string url)
    {
        App = app;
        Url = url;
        Http = new HttpClient { BaseAddress = new Uri(url) };
    }

    public WebApplication App { get; }

    public string Url { get; }

    public HttpClient Http { get; }

    /// <param name="beforeStart">Runs on the built app before it starts (a test may add a middleware to watch the requests).</param>
    /// <param name="requireAuth">As <c>serve --require-auth</c>: app roles from X-MS-CLIENT-PRINCIPAL decide, not the loopback.</param>
    /// <param name="moreSettings">Settings as the environment would give them (an admin key, say).</param>
    /// <param name="configureServices">Runs over serve's services, as <see cref="ServeCommand.Build"/> allows.</param>
    public static async Task<ServeHost> StartAsync(
        AzuriteFixture azurite,
        Action<WebApplication>? beforeStart = null,
        bool requireAuth = false,
        IReadOnlyDictionary<string, string?>? moreSettings = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var url = $"http://127.0.0.1:{LocalProcess.FreePort()}";
        var settings = new Dictionary<string, string?> { [ServiceRegistration.StorageSetting] = azurite.ConnectionString };
        if (requireAuth)
        {
            settings[AccessPolicy.ModeSetting] = nameof(AccessMode.Platform);
        }

        foreach (var (name, value) in moreSettings ?? new Dictionary<string, string?>())
        {
            settings[name] = value;
        }

        var app = ServeCommand.Build(url, settings, services =>
        {
            TestLogging.Quiet(services);
            configureServices?.Invoke(services);
        });
        beforeStart?.Invoke(app);
        await app.Services.GetRequiredService<StorageInitializer>().EnsureCreatedAsync(CancellationToken.None);
        await app.StartAsync();
        return new ServeHost(app, url);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
