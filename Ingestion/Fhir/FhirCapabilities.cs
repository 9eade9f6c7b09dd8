using Hl7.Fhir.Model;
using CodeSystem = CodeUpdates.Ingestion.ReleaseFiles.CodeSystem;

namespace CodeUpdates.Ingestion.Fhir;

/// <summary>What the terminology door offers, as <c>metadata</c> states it.</summary>
public static class FhirCapabilities
{
    private const string Software = "CodeUpdates";
    private const string Description = "CPT and HCPCS Level II by service date: every loaded release is a code system version, and $lookup, $validate-code and $expand honour the date parameter.";

    public static CapabilityStatement Statement(string baseUrl, string now) => new()
    {
        Url = baseUrl.TrimEnd('/') + "/metadata",
        Name = "CodeUpdatesTerminology",
        Title = "CodeUpdates FHIR terminology",
        Status = PublicationStatus.Active,
        Date = now,
        Kind = CapabilityStatementKind.Instance,
        Instantiates = ["http://hl7.org/fhir/CapabilityStatement/terminology-server"],
        Software = new CapabilityStatement.SoftwareComponent { Name = Software },
        Implementation = new CapabilityStatement.ImplementationComponent { DescriptionElement = new FhirString(Description), Url = baseUrl },
        FhirVersion = FHIRVersion.N4_0_1,
        Format = ["json", "xml"],
        Rest =
        [
            new CapabilityStatement.RestComponent
            {
                Mode = CapabilityStatement.RestfulCapabilityMode.Server,
                Documentation = "date (yyyy-MM-dd, default today UTC) is the service date every answer is given for; version pins a release by its effective date.",
                Resource =
                [
                    Resource(
                        "CodeSystem",
                        [CapabilityStatement.TypeRestfulInteraction.Read, CapabilityStatement.TypeRestfulInteraction.SearchType],
                        [("lookup", "CodeSystem-lookup"), ("validate-code", "CodeSystem-validate-code")],
                        searchUrl: true),
                    Resource("ValueSet", [], [("expand", "ValueSet-expand"), ("validate-code", "ValueSet-validate-code")]),
                    Resource("ConceptMap", [], [("translate", "ConceptMap-translate")]),
                ],
            },
        ],
    };

    public static TerminologyCapabilities Terminology(string baseUrl, string now, IReadOnlyDictionary<CodeSystem, IReadOnlyList<CodeSystemRelease>> releases)
    {
        var capabilities = new TerminologyCapabilities
        {
            Url = baseUrl.TrimEnd('/') + "/metadata?mode=terminology",
            Name = "CodeUpdatesTerminologyCapabilities",
            Status = PublicationStatus.Active,
            Date = now,
            Kind = CapabilityStatementKind.Instance,
            Software = new TerminologyCapabilities.SoftwareComponent { Name = Software },
            Implementation = new TerminologyCapabilities.ImplementationComponent { Description = Description, Url = baseUrl },
            Expansion = new TerminologyCapabilities.ExpansionComponent { Paging = true, TextFilter = "A code prefix, or words each starting a word of the long or short text in force on the date." },
            ValidateCode = new TerminologyCapabilities.ValidateCodeComponent { Translations = false },
            Translation = new TerminologyCapabilities.TranslationComponent { NeedsMap = false },
        };
        foreach (var (system, list) in releases.OrderBy(r => r.Key))
        {
            var codeSystem = new TerminologyCapabilities.CodeSystemComponent { Uri = system.Url(), Subsumption = false };
            foreach (var release in list)
            {
                codeSystem.Version.Add(new TerminologyCapabilities.VersionComponent
                {
                    Code = release.Version,
                    IsDefault = ReferenceEquals(release, list[^1]),
                    Property = FhirCodeAnswer.Properties.Select(p => p.Code).ToList(),
                });
            }

            capabilities.CodeSystem.Add(codeSystem);
        }

        return capabilities;
    }

    private static CapabilityStatement.ResourceComponent Resource(
        string type,
        CapabilityStatement.TypeRestfulInteraction[] interactions,
        (string Name, string Definition)[] operations,
        bool searchUrl = false)
    {
        var resource = new CapabilityStatement.ResourceComponent
        {
            Type = type,
            Interaction = interactions.Select(i => new CapabilityStatement.ResourceInteractionComponent { Code = i }).ToList(),
            Operation = operations.Select(o => new CapabilityStatement.OperationComponent
            {
                Name = o.Name,
                Definition = "http://hl7.org/fhir/OperationDefinition/" + o.Definition,
            }).ToList(),
        };
        if (searchUrl)
        {
            resource.SearchParam.Add(new CapabilityStatement.SearchParamComponent { Name = "url", Type = SearchParamType.Uri });
            resource.SearchParam.Add(new CapabilityStatement.SearchParamComponent { Name = "version", Type = SearchParamType.Token });
        }

        return resource;
    }
}
