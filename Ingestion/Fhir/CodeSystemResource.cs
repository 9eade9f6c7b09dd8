using Hl7.Fhir.Model;
using CodeSystem = CodeUpdates.Ingestion.ReleaseFiles.CodeSystem;
using FhirCodeSystem = Hl7.Fhir.Model.CodeSystem;

namespace CodeUpdates.Ingestion.Fhir;

/// <summary>
/// One loaded release as a CodeSystem resource: its version, its count of codes and the properties $lookup returns, but
/// no concepts; with a link (web-source) to the release's page in the web app, its page for people.
/// </summary>
internal static class CodeSystemResource
{
    public static FhirCodeSystem Of(CodeSystemRelease release, string? fhirBaseUrl)
    {
        var system = release.System;
        var resource = new FhirCodeSystem
        {
            Id = FhirCodeSystems.ResourceId(system, release.Effective),
            Url = system.Url(),
            Version = release.Version,
            Name = system == CodeSystem.Hcpcs ? "HCPCSLevelII" : "CPT",
            Title = system.Title(),
            Status = PublicationStatus.Active,
            Date = release.Version,
            Publisher = system.Publisher(),
            Description = $"The {system.Title()} release effective {release.Version}, as loaded; look codes up with CodeSystem/$lookup and a service date.",
            CaseSensitive = true,
            ValueSet = system.AllCodesValueSet(),
            VersionNeeded = false,
            Content = CodeSystemContentMode.NotPresent,
            Count = release.Codes,
        };
        if (fhirBaseUrl is not null)
        {
            resource.Extension.Add(new Extension(FhirCodeSystems.WebSourceExtension, new FhirUrl(FhirCodeSystems.ReleasePage(fhirBaseUrl, release))));
        }

        if (system == CodeSystem.Cpt)
        {
            resource.Copyright = "CPT is a registered trademark of the American Medical Association; its descriptors are the AMA's copyright.";
        }

        foreach (var (code, type, description) in FhirCodeAnswer.Properties)
        {
            resource.Property.Add(new FhirCodeSystem.PropertyComponent
            {
                Code = code,
                Type = type,
                Description = description,
                Uri = code == "inactive" ? "http://hl7.org/fhir/concept-properties#inactive" : null,
            });
        }

        return resource;
    }
}
