using System.Text.Json.Nodes;

namespace CodeUpdates.Cli.Serve;

/// <summary>
/// The Functions app's host.json, read by <c>serve</c> so host settings live in that one file: the HTTP
/// route prefix here, the blob and queue extensions' settings in <see cref="ServeCommand"/>.
/// </summary>
public sealed class HostJson(JsonObject root)
{
    /// <summary>The copy the build puts beside the program (Functions.csproj links the repository's host.json).</summary>
    public static HostJson Load(string? path = null)
    {
        path ??= Path.Combine(AppContext.BaseDirectory, "host.json");
        return new HostJson(JsonNode.Parse(File.ReadAllText(path)) as JsonObject
            ?? throw new InvalidOperationException($"{path} is not a JSON object"));
    }

    /// <summary><c>extensions.http.routePrefix</c>; the Functions host's default is "api".</summary>
    public string RoutePrefix => Extension("http")?["routePrefix"]?.GetValue<string>() ?? "api";

    /// <summary>One extension's section (<c>blobs</c>, <c>queues</c>, <c>http</c>), or null when host.json leaves it at its defaults.</summary>
    public JsonObject? Extension(string name) => root["extensions"]?[name] as JsonObject;
}
