using CodeUpdates.Ingestion;
using CodeUpdates.Ingestion.Access;
using CodeUpdates.Ingestion.Reports;
using CodeUpdates.Ingestion.Storage;
using System.CommandLine;
using CodeUpdates.Functions;
using CodeUpdates.Functions.Http;
using CodeUpdates.Cli.Commands;
using Microsoft.Azure.WebJobs.Host.Executors;

namespace CodeUpdates.Cli.Serve;

/// <summary>
/// <c>codeupdates serve</c>: the Functions app on one machine. The WebJobs SDK fires the blob and
/// queue triggers against the storage in AzureWebJobsStorage (Azurite by default) and Kestrel
/// maps the same HTTP functions from their own attributes (see <see cref="HttpFunctionMap"/>).
/// </summary>
public static class ServeCommand
{
    public const string DefaultUrl = "http://127.0.0.1:7071";
    public const string HostId = "codeupdates-local";

    public static Command Create(TextWriter stdout)
    {
        var urls = new Option<string>("--urls") { HelpName = "URL", DefaultValueFactory = _ => DefaultUrl, Description = "Where Kestrel listens; the HTTP API is under /api." };
        var requireAuth = new Option<bool>("--require-auth") { Description = "Check callers' CodeUpdates app roles from X-MS-CLIENT-PRINCIPAL, as in Azure, instead of treating every local caller as admin." };
        var command = new Command("serve", "Run the Functions app on this machine: blob and queue triggers on the storage in AzureWebJobsStorage (default: local Azurite) and the HTTP API.")
        {
            urls,
            requireAuth,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(urls)!, parse.GetValue(requireAuth), stdout, parse.InvocationConfiguration.Error, cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(string urls, bool requireAuth, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        await using var app = Build(urls, requireAuth ? AccessSettings(AccessMode.Platform) : null);

        // Who can reach serve decides whether it may start: a refusal comes before storage is touched.
        var policy = app.Services.GetRequiredService<AccessPolicy>();
        var bindingWarning = ServeBinding.Check(urls, policy);

        // Storage missing is a setup mistake: say so in seconds, before the host starts and logs its retries.
        var blobs = CliStorage.BlobService(app.Configuration);
        await CliStorage.FirstCallAsync(blobs, blobs.GetBlobContainerClient(StorageNames.ReleasesContainer).ExistsAsync, cancellationToken);
        await app.Services.GetRequiredService<StorageInitializer>().EnsureCreatedAsync(cancellationToken);
        await app.StartAsync(cancellationToken);
        await stdout.WriteLineAsync($"codeupdates: serving {string.Join(", ", app.Urls)}/api on storage account {blobs.AccountName} ({blobs.Uri}); drop files into the '{StorageNames.ReleasesContainer}' container. Ctrl+C stops.");
        await stdout.WriteLineAsync(requireAuth
            ? $"codeupdates: callers need CodeUpdates app roles in {ClientPrincipalHeader.Name}, as in Azure"
            : policy.AnswersOtherMachines
                ? $"codeupdates: every caller on this machine is admin, and so is a caller from another machine that sends {AccessPolicy.AdminKeyVariable} in {AccessPolicy.AdminKeyHeader} to a host name in {LoopbackHosts.AllowedHostsVariable}"
                : "codeupdates: every caller on this machine is admin (--require-auth checks app roles as in Azure)");
        if (bindingWarning is not null)
        {
            await stderr.WriteLineAsync($"codeupdates: {bindingWarning}");
        }

        // Returns on Ctrl+C or SIGTERM (the host's console lifetime) and stops the triggers and Kestrel.
        await app.WaitForShutdownAsync(cancellationToken);
        return 0;
    }

    /// <param name="settings">Settings over the environment's (tests pass their Azurite's connection string here).</param>
    public static WebApplication Build(string urls, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls(urls);

        // The bound every route that reads a body applies, so Kestrel stops a longer one at the same length.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = RequestBody.MaxBytes);
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        CliStorage.DefaultToAzurite(builder.Configuration);
        builder.Configuration[ChangeReportOptions.PublicBaseUrlSetting] ??= urls.Split(';')[0]; // mailed reports link to this serve's pages

        // No sign-in stands in front of serve: unless told to check roles, callers on this machine are admin
        // (an environment setting meant for Azure does not change that).
        builder.Configuration[AccessPolicy.ModeSetting] = settings?.GetValueOrDefault(AccessPolicy.ModeSetting) ?? nameof(AccessMode.Local);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Azure.Core", LogLevel.Error);
        builder.Logging.AddFilter("Host", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Azure.WebJobs", LogLevel.Warning);
        builder.Services.AddCodeUpdates(builder.Configuration);
        // Function classes live as long as an invocation, as in the Functions worker (the WebJobs host creates them in a scope).
        builder.Services.AddScoped<IngestRelease>();
        builder.Services.AddScoped<SendChangeReport>();
        builder.Services.AddSingleton<IHostIdProvider>(new FixedHostIdProvider(HostId));
        builder.Services.AddHostedService<LocalTriggerHost>();
        builder.Services.AddHostedService<ReleaseSweepLoop>();
        configureServices?.Invoke(builder.Services);
        var hostJson = HostJson.Load();
        var app = builder.Build();
        app.UseLoopbackHostCheck();
        app.UseAccessGate();
        app.MapHttpFunctions(HttpFunctionMap.Discover(typeof(CodeFunctions).Assembly), hostJson.RoutePrefix);
        return app;
    }

    /// <summary>The settings that make <see cref="Build"/> apply <paramref name="mode"/>.</summary>
    public static IReadOnlyDictionary<string, string?> AccessSettings(AccessMode mode) =>
        new Dictionary<string, string?> { [AccessPolicy.ModeSetting] = mode.ToString() };
}
