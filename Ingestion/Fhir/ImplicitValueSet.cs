using CodeUpdates.Ingestion.ReleaseFiles;
using Hl7.Fhir.Model;
using CodeSystem = CodeUpdates.Ingestion.ReleaseFiles.CodeSystem;

namespace CodeUpdates.Ingestion.Fhir;

/// <summary>
/// The implicit value set of all codes of a system (<c>{url}?fhir_vs</c>) as a ValueSet resource: its definition
/// includes the whole system, and its page for people (web-source) is the web app's search of that system.
/// </summary>
internal static class ImplicitValueSet
{
    /// <summary>The logical id: <c>hcpcs-all</c>.</summary>
    public static string Id(CodeSystem system) => system.Name() + "-all";

    public static bool TryParseId(string? id, out CodeSystem system)
    {
        system = default;
        return id is not null && id.EndsWith("-all", StringComparison.Ordinal) && CodeSystems.TryParse(id[..^"-all".Length], out system);
    }

    public static ValueSet Of(CodeSystem system, string? fhirBaseUrl)
    {
        var valueSet = new ValueSet
        {
            Id = Id(system),
            Url = system.AllCodesValueSet(),
            Name = system == CodeSystem.Hcpcs ? "AllHcpcsCodes" : "AllCptCodes",
            Title = $"All {system.Title()} codes",
            Status = PublicationStatus.Active,
            Publisher = system.Publisher(),
            Description = $"Every {system.Title()} code of the loaded releases; $expand and $validate-code answer for a service date.",
            Compose = new ValueSet.ComposeComponent { Include = [new ValueSet.ConceptSetComponent { System = system.Url() }] },
        };
        if (fhirBaseUrl is not null)
        {
            valueSet.Extension.Add(new Extension(FhirCodeSystems.WebSourceExtension, new FhirUrl(FhirCodeSystems.SearchPage(fhirBaseUrl, system))));
        }

        return valueSet;
    }
}
