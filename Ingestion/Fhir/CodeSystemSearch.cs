using CodeUpdates.Ingestion.Lookup;
using Hl7.Fhir.Model;
using CodeSystem = CodeUpdates.Ingestion.ReleaseFiles.CodeSystem;

namespace CodeUpdates.Ingestion.Fhir;

/// <summary><c>GET CodeSystem?url=&amp;version=</c>: a searchset of one CodeSystem per loaded release.</summary>
internal sealed class CodeSystemSearch(IVersionSource versions, ICodeSystemReleases releases, TimeProvider time)
{
    public async Task<FhirAnswer> RunAsync(string? url, string? version, string baseUrl, CancellationToken cancellationToken)
    {
        IEnumerable<CodeSystem> systems = FhirCodeSystems.All;
        if (!string.IsNullOrEmpty(url))
        {
            // An unknown URL is a search that matches nothing, not an error.
            systems = FhirCodeSystems.TryParseUrl(url, out var one) ? [one] : [];
        }

        var index = await versions.GetAsync(cancellationToken);
        var bundle = new Bundle { Type = Bundle.BundleType.Searchset, Timestamp = time.GetUtcNow() };
        foreach (var system in systems)
        {
            foreach (var release in await releases.ListAsync(system, index, cancellationToken))
            {
                if (string.IsNullOrEmpty(version) || version == release.Version)
                {
                    var resource = CodeSystemResource.Of(release, baseUrl);
                    bundle.Entry.Add(new Bundle.EntryComponent
                    {
                        FullUrl = $"{baseUrl.TrimEnd('/')}/CodeSystem/{resource.Id}",
                        Resource = resource,
                        Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
                    });
                }
            }
        }

        bundle.Total = bundle.Entry.Count;
        return FhirAnswer.Ok(bundle);
    }
}
