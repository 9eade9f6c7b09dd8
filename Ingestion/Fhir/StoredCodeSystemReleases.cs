using CodeUpdates.Ingestion.Lookup;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Releases;

namespace CodeUpdates.Ingestion.Fhir;

/// <summary>
/// The published releases from the releases table, read again only when the versions' tag moves (a
/// release was published), so operations that name a version cost no storage round trip. A list read
/// while a release of the system is still processing is not kept: the publishing instance moves the
/// tag just before the record says published, and a list kept from that moment would lack the release.
/// </summary>
public sealed class StoredCodeSystemReleases(ReleaseStore store) : ICodeSystemReleases
{
    private readonly Dictionary<CodeSystem, (string Tag, IReadOnlyList<CodeSystemRelease> Releases)> cache = [];
    private readonly Lock gate = new();

    public async ValueTask<IReadOnlyList<CodeSystemRelease>> ListAsync(CodeSystem system, IVersionIndex index, CancellationToken cancellationToken)
    {
        var tag = index.Tag(system);
        lock (gate)
        {
            if (cache.TryGetValue(system, out var cached) && cached.Tag == tag)
            {
                return cached.Releases;
            }
        }

        var records = await store.ListAsync(system, cancellationToken);
        var releases = records
            .Where(r => r.Status == ReleaseStatus.Published && r.Effective is not null)
            .Select(r => new CodeSystemRelease(system, r.Effective!.Value, r.Codes ?? 0))
            .OrderBy(r => r.Effective)
            .ToArray();
        if (!records.Any(r => r.Status == ReleaseStatus.Processing))
        {
            lock (gate)
            {
                cache[system] = (tag, releases);
            }
        }

        return releases;
    }
}
