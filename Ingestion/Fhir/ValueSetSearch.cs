using Hl7.Fhir.Model;
using CodeSystem = CodeUpdates.Ingestion.ReleaseFiles.CodeSystem;

namespace CodeUpdates.Ingestion.Fhir;

/// <summary><c>GET ValueSet?url=&amp;version=</c>: a searchset of the implicit value sets of all codes, one per system.</summary>
internal sealed class ValueSetSearch(TimeProvider time)
{
    public FhirAnswer Run(string? url, string? version, string baseUrl)
    {
        IEnumerable<CodeSystem> systems = FhirCodeSystems.All;
        if (!string.IsNullOrEmpty(url))
        {
            // An unknown URL is a search that matches nothing, not an error.
            systems = FhirCodeSystems.TryParseValueSetUrl(url, out var one) ? [one] : [];
        }

        // The implicit value sets carry no version of their own (the releases are the code system's versions),
        // so a search by version matches none of them.
        if (!string.IsNullOrEmpty(version))
        {
            systems = [];
        }

        var bundle = new Bundle { Type = Bundle.BundleType.Searchset, Timestamp = time.GetUtcNow() };
        foreach (var system in systems)
        {
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = $"{baseUrl.TrimEnd('/')}/ValueSet/{ImplicitValueSet.Id(system)}",
                Resource = ImplicitValueSet.Of(system, baseUrl),
                Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
            });
        }

        bundle.Total = bundle.Entry.Count;
        return FhirAnswer.Ok(bundle);
    }
}
