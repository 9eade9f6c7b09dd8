using CodeUpdates.Functions;
using CodeUpdates.Ingestion;
using CodeUpdates.Ingestion.Storage;
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
    public const string Usage = "codeupdates serve [--urls http://127.0.0.1:7071]";
    public const string DefaultUrl = "http://127.0.0.1:7071";
    public const string HostId = "codeupdates-local";

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var line = new CommandLine(args, new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "urls" });
        var app = Build(line.Option("urls") ?? DefaultUrl);
        await app.Services.GetRequiredService<StorageInitializer>().EnsureCreatedAsync(cancellationToken);
        await app.StartAsync(cancellationToken);
        Console.WriteLine($"codeupdates: serving {string.Join(", ", app.Urls)}/api; drop files into the '{StorageNames.ReleasesContainer}' container. Ctrl+C stops.");
        // Returns on Ctrl+C or SIGTERM (the host's console lifetime) and stops the triggers and Kestrel.
        await app.WaitForShutdownAsync(cancellationToken);
        return 0;
    }

    /// <param name="settings">Settings over the environment's (tests pass their Azurite's connection string here).</param>
    public static WebApplication Build(string urls, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls(urls);
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Configuration[ServiceRegistration.StorageSetting] ??= "UseDevelopmentStorage=true";
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Azure.Core", LogLevel.Error);
        builder.Logging.AddFilter("Host", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Azure.WebJobs", LogLevel.Warning);
        builder.Services.AddCodeUpdates(builder.Configuration);
        builder.Services.AddSingleton<IngestRelease>();
        builder.Services.AddTransient<SendChangeReport>();
        builder.Services.AddSingleton<IHostIdProvider>(new FixedHostIdProvider(HostId));
        configureServices?.Invoke(builder.Services);
        builder.Host.ConfigureWebJobs(webJobs =>
        {
            webJobs.AddAzureStorageBlobs();
            webJobs.AddAzureStorageQueues(queues =>
            {
                // As host.json does in Azure: a report asked for a moment before its release is marked
                // published is tried again a little later, five times, then parked in the poison queue.
                queues.VisibilityTimeout = TimeSpan.FromSeconds(10);
                queues.MaxDequeueCount = 5;
            });
        });

        var app = builder.Build();
        app.MapHttpFunctions(HttpFunctionMap.Discover(typeof(CodeFunctions).Assembly), HostJson.Load().RoutePrefix);
        return app;
    }
}
