using CodeUpdates.Ingestion.Lookup;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Ingestion.Versions;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;

namespace CodeUpdates.Tests.Support;

/// <summary>A system's versions as a lookup cache holds them, one line a code, to compare two caches.</summary>
public static class HeldVersions
{
    public static async Task<IReadOnlyList<string>> OfAsync(VersionCache cache, CodeSystem system) =>
        Describe(await cache.GetAsync(CancellationToken.None), system);

    /// <summary>What a cache that starts now reads from the versions table.</summary>
    public static Task<IReadOnlyList<string>> FreshlyLoadedAsync(IngestionHost host, CodeSystem system) =>
        OfAsync(new VersionCache(host.Get<ReleaseStore>(), host.Get<VersionStore>(), NullLogger<VersionCache>.Instance), system);

    private static IReadOnlyList<string> Describe(IVersionIndex index, CodeSystem system) =>
        index.Codes(system)
            .Select(versions => string.Join(" / ", versions.Select(v => JsonSerializer.Serialize(v with
            {
                Descriptors = new SortedDictionary<string, string>(v.Descriptors.ToDictionary(), StringComparer.Ordinal),
            }))))
            .ToArray();
}
