using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;

namespace CodeUpdates.Functions.WebApp;

/// <summary>
/// The web app's files (HTML shell, CSS, JavaScript modules, icon), embedded in the Functions assembly so
/// both hosts serve the same bytes with no file system, no CDN and no build step. Read once per process.
/// </summary>
public static class WebAssets
{
    private const string ResourcePrefix = "web/";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly Lazy<FrozenDictionary<string, WebAsset>> All = new(Load);

    /// <summary>The HTML every page of the app starts from; the modules draw the page from the address.</summary>
    public static WebAsset Shell => All.Value["index.html"];

    /// <summary>Every shipped file by its path (for example <c>assets/app.js</c>).</summary>
    public static IReadOnlyCollection<string> Paths => All.Value.Keys;

    /// <summary>A file under <c>/assets/</c>; null for anything not shipped (the shell is not an asset).</summary>
    public static WebAsset? Asset(string? path) =>
        path is not null && All.Value.TryGetValue("assets/" + path, out var asset) ? asset : null;

    private static FrozenDictionary<string, WebAsset> Load()
    {
        var assembly = typeof(WebAssets).Assembly;
        var assets = new Dictionary<string, WebAsset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var path = name[ResourcePrefix.Length..].Replace('\\', '/');
            var content = Read(assembly, name);
            var type = ContentTypes.GetValueOrDefault(System.IO.Path.GetExtension(path)) ?? "application/octet-stream";
            var tag = "\"" + Convert.ToHexStringLower(SHA256.HashData(content))[..24] + "\"";
            assets[path] = new WebAsset(path, content, type, tag);
        }

        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static byte[] Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
