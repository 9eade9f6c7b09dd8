using CodeUpdates.Functions;
using CodeUpdates.Ingestion;
using CodeUpdates.Ingestion.Http;
using CodeUpdates.Ingestion.Storage;
using CodeUpdates.Cli.Commands;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.WebJobs.Host.Executors;

namespace CodeUpdates.Cli.Serve;

/// <summary>
/// <c>codeupdates serve</c>: the Functions app on one machine. The WebJobs SDK fires the blob and
/// queue triggers against the storage in AzureWebJobsStorage (Azurite by default) and Kestrel
/// maps the same HTTP functions under /api.
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
        builder.Services.AddSingleton<CodeFunctions>();
        builder.Services.AddSingleton<ReleaseFunctions>();
        builder.Services.AddSingleton<SubscriberFunctions>();
        builder.Services.AddSingleton<FhirFunctions>();
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
        MapFunctions(app);
        return app;
    }

    private static void MapFunctions(WebApplication app)
    {
        var api = app.MapGroup("/api");
        api.MapGet("/codes/{system}/{code}", (HttpContext http, string system, string code, CodeFunctions f, CancellationToken ct) =>
            Execute(f.GetCode(http.Request, system, code, ct)));
        api.MapGet("/codes/{system}/{code}/history", (HttpContext http, string system, string code, CodeFunctions f, CancellationToken ct) =>
            Execute(f.GetHistory(http.Request, system, code, ct)));
        api.MapPost("/codes/lookup", (HttpContext http, CodeFunctions f, CancellationToken ct) =>
            Execute(f.Lookup(http.Request, ct)));
        api.MapPut("/subscribers/{email}", (HttpContext http, string email, SubscriberFunctions f, CancellationToken ct) =>
            Execute(f.Put(http.Request, email, ct)));
        api.MapGet("/subscribers", (HttpContext http, SubscriberFunctions f, CancellationToken ct) =>
            Execute(f.List(http.Request, ct)));
        api.MapDelete("/subscribers/{email}", (HttpContext http, string email, SubscriberFunctions f, CancellationToken ct) =>
            Execute(f.Delete(http.Request, email, ct)));
        api.MapGet("/releases", (HttpContext http, ReleaseFunctions f, CancellationToken ct) =>
            Execute(f.List(http.Request, ct)));
        api.MapGet("/releases/{system}/{effective}/changes", (HttpContext http, string system, string effective, ReleaseFunctions f, CancellationToken ct) =>
            Execute(f.Changes(http.Request, system, effective, ct)));
        api.MapGet("/fhir/metadata", (HttpContext http, FhirFunctions f, CancellationToken ct) => Execute(f.Metadata(http.Request, ct)));
        api.MapGet("/fhir/CodeSystem", (HttpContext http, FhirFunctions f, CancellationToken ct) => Execute(f.SearchCodeSystems(http.Request, ct)));
        api.MapGet("/fhir/CodeSystem/{id}", (HttpContext http, string id, FhirFunctions f, CancellationToken ct) => Execute(f.ReadCodeSystem(http.Request, id, ct)));
        string[] getOrPost = ["GET", "POST"];
        api.MapMethods("/fhir/CodeSystem/$lookup", getOrPost, (HttpContext http, FhirFunctions f, CancellationToken ct) => Execute(f.Lookup(http.Request, ct)));
        api.MapMethods("/fhir/CodeSystem/$validate-code", getOrPost, (HttpContext http, FhirFunctions f, CancellationToken ct) =>
            Execute(f.ValidateCodeInCodeSystem(http.Request, ct)));
        api.MapMethods("/fhir/ValueSet/$validate-code", getOrPost, (HttpContext http, FhirFunctions f, CancellationToken ct) =>
            Execute(f.ValidateCodeInValueSet(http.Request, ct)));
        api.MapMethods("/fhir/ValueSet/$expand", getOrPost, (HttpContext http, FhirFunctions f, CancellationToken ct) => Execute(f.Expand(http.Request, ct)));
        api.MapMethods("/fhir/ConceptMap/$translate", getOrPost, (HttpContext http, FhirFunctions f, CancellationToken ct) => Execute(f.Translate(http.Request, ct)));
    }

    /// <summary>Runs a function's result on Kestrel: the functions return the endpoints' IResult wrapped for the Functions host.</summary>
    private static async Task<IResult> Execute(Task<IActionResult> function) =>
        await function is ResultAction action
            ? action.Result
            : throw new InvalidOperationException("HTTP functions return ResultAction");
}
