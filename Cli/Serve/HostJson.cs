using Microsoft.Azure.WebJobs.Host;

namespace CodeUpdates.Cli.Serve;

/// <summary>
/// The Functions app's host.json, read by <c>serve</c> so host settings live in that one file: its
/// <c>extensions</c> sections bind onto the WebJobs SDK's options by the same names the Functions host
/// reads (<c>queues.visibilityTimeout</c> → <see cref="QueuesOptions.VisibilityTimeout"/>, and so on).
/// </summary>
public sealed class HostJson(IConfiguration settings)
{
    /// <summary>The copy the build puts beside the program (Functions.csproj links the repository's host.json).</summary>
    public static HostJson Load(string? path = null) =>
        new(new ConfigurationBuilder().AddJsonFile(path ?? Path.Combine(AppContext.BaseDirectory, "host.json"), optional: false).Build());

    /// <summary><c>extensions.http.routePrefix</c>; the Functions host's default is "api".</summary>
    public string RoutePrefix => settings["extensions:http:routePrefix"] ?? "api";

    /// <summary><c>extensions.queues</c>: batch size, visibility timeout, dequeue count, polling.</summary>
    public void Apply(QueuesOptions queues) => settings.GetSection("extensions:queues").Bind(queues, BindExactly);

    /// <summary><c>extensions.blobs</c>: parallelism and the poison-blob threshold.</summary>
    public void Apply(BlobsOptions blobs) => settings.GetSection("extensions:blobs").Bind(blobs, BindExactly);

    // A setting the SDK does not have would silently do nothing here while it works in Azure: refuse it.
    private static void BindExactly(BinderOptions options) => options.ErrorOnUnknownConfiguration = true;
}
