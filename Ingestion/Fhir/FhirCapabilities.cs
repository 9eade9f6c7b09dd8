using System.Reflection;
using Hl7.Fhir.Model;
using CodeSystem = CodeUpdates.Ingestion.ReleaseFiles.CodeSystem;

namespace CodeUpdates.Ingestion.Fhir;

/// <summary>What the terminology door offers, as <c>metadata</c> states it.</summary>
public static class FhirCapabilities
{
    private const string Software = "CodeUpdates";
    private const string Description = "CPT and HCPCS Level II by service date: every loaded release is a code system version, and $lookup, $validate-code and $expand honour the date parameter.";

    /// <summary>The application-feature extension the ecosystem reads a server's features from (its tests' capstmt.json).</summary>
    public const string FeatureExtension = "http://hl7.org/fhir/uv/application-feature/StructureDefinition/feature";

    /// <summary>The feature "CodeSystem resources are accepted in tx-resource", which a server must declare true or false.</summary>
    public const string CodeSystemAsParameterFeature = "http://hl7.org/fhir/uv/tx-ecosystem/FeatureDefinition/CodeSystemAsParameter";

    /// <summary>The <c>$expand</c> parameters honoured; the ecosystem reads them from <c>TerminologyCapabilities.expansion.parameter</c>.</summary>
    public static readonly IReadOnlyList<string> ExpandParameters =
        ["activeOnly", "check-system-version", "count", "date", "filter", "force-system-version", "offset", "system-version"];

    /// <summary>
    /// The software's version, which also versions both statements: the informational version without its source
    /// revision, since the ecosystem expects a token there and "1.0.0+sha" is not one.
    /// </summary>
    public static string SoftwareVersion { get; } =
        (typeof(FhirCapabilities).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];

    /// <summary>The day this build was made (Ingestion.csproj stamps it), stated as the software's release date.</summary>
    public static string? SoftwareReleaseDate { get; } =
        typeof(FhirCapabilities).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "BuildDate")?.Value;

    private const string SecurityServiceSystem = "http://terminology.hl7.org/CodeSystem/restful-security-service";

    public static CapabilityStatement Statement(string baseUrl, string now, FhirServerSecurity security) => new()
    {
        Extension = [Feature(CodeSystemAsParameterFeature, new FhirBoolean(false))],
        Url = baseUrl.TrimEnd('/') + "/metadata",
        Version = SoftwareVersion,
        Name = "CodeUpdatesTerminology",
        Title = "CodeUpdates FHIR terminology",
        Status = PublicationStatus.Active,
        Date = now,
        Kind = CapabilityStatementKind.Instance,
        Instantiates = ["http://hl7.org/fhir/CapabilityStatement/terminology-server"],
        Software = new CapabilityStatement.SoftwareComponent { Name = Software, Version = SoftwareVersion, ReleaseDate = SoftwareReleaseDate },
        Implementation = new CapabilityStatement.ImplementationComponent { DescriptionElement = new FhirString(Description), Url = baseUrl },
        FhirVersion = FHIRVersion.N4_0_1,
        // The content types, as the ecosystem's capstmt.json expects them, rather than R4's short forms json and xml.
        Format = [FhirWire.JsonType, FhirWire.XmlType],
        Rest =
        [
            new CapabilityStatement.RestComponent
            {
                Mode = CapabilityStatement.RestfulCapabilityMode.Server,
                Documentation = "date (yyyy-MM-dd, default today UTC) is the service date every answer is given for; version, system-version, force-system-version and check-system-version pin a release by its effective date. knownAt (an ISO 8601 instant with its offset, as valueDateTime, valueInstant or valueString; $lookup and $validate-code) answers as the server did at that instant, and the answer says so with the output parameters knownAt and knownAsOf (when the release that answered then was published). tx-resource is not accepted: the code systems are the ones loaded here.",
                Security = Security(security),
                Resource =
                [
                    Resource(
                        "CodeSystem",
                        [CapabilityStatement.TypeRestfulInteraction.Read, CapabilityStatement.TypeRestfulInteraction.SearchType],
                        [("lookup", "CodeSystem-lookup"), ("validate-code", "CodeSystem-validate-code")],
                        searchUrl: true),
                    Resource(
                        "ValueSet",
                        [CapabilityStatement.TypeRestfulInteraction.Read, CapabilityStatement.TypeRestfulInteraction.SearchType],
                        [("expand", "ValueSet-expand"), ("validate-code", "ValueSet-validate-code")],
                        searchUrl: true),
                    Resource("ConceptMap", [], [("translate", "ConceptMap-translate")]),
                ],
                Interaction = [new CapabilityStatement.SystemInteractionComponent { Code = CapabilityStatement.SystemRestfulInteraction.Batch }],
                Operation =
                [
                    new CapabilityStatement.OperationComponent { Name = "versions", Definition = "http://hl7.org/fhir/OperationDefinition/CapabilityStatement-versions" },
                ],
            },
        ],
    };

    public static TerminologyCapabilities Terminology(string baseUrl, string now, IReadOnlyDictionary<CodeSystem, IReadOnlyList<CodeSystemRelease>> releases)
    {
        var capabilities = new TerminologyCapabilities
        {
            Url = baseUrl.TrimEnd('/') + "/metadata?mode=terminology",
            Version = SoftwareVersion,
            Name = "CodeUpdatesTerminologyCapabilities",
            Title = "CodeUpdates FHIR terminology capabilities",
            Status = PublicationStatus.Active,
            Date = now,
            Kind = CapabilityStatementKind.Instance,
            Software = new TerminologyCapabilities.SoftwareComponent { Name = Software, Version = SoftwareVersion },
            Implementation = new TerminologyCapabilities.ImplementationComponent { Description = Description, Url = baseUrl },
            Expansion = new TerminologyCapabilities.ExpansionComponent
            {
                Paging = true,
                TextFilter = "A code prefix, or words each starting a word of the long or short text in force on the date.",
                Parameter = ExpandParameters.Select(name => new TerminologyCapabilities.ParameterComponent { Name = name }).ToList(),
            },
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

    /// <summary>
    /// OAuth when sign-in stands in front (App Service Authentication issues Microsoft Entra ID tokens); otherwise the
    /// service is stated as none, in text, since restful-security-service has no code for it.
    /// </summary>
    private static CapabilityStatement.SecurityComponent Security(FhirServerSecurity security) => security.SignInRequired
        ? new CapabilityStatement.SecurityComponent
        {
            Service = [new CodeableConcept(SecurityServiceSystem, "OAuth", "OAuth") { Text = "Microsoft Entra ID sign-in (App Service Authentication); callers need the CodeUpdates.Reader role" }],
            Description = "Sign in with Microsoft Entra ID; every FHIR interaction needs the CodeUpdates.Reader app role.",
        }
        : new CapabilityStatement.SecurityComponent
        {
            Service = [new CodeableConcept { Text = "none: no sign-in is required" }],
            Description = "No sign-in is required: this deployment answers every caller.",
        };

    private static Extension Feature(string definition, DataType value) => new()
    {
        Url = FeatureExtension,
        Extension =
        [
            new Extension("definition", new Canonical(definition)),
            new Extension("value", value),
        ],
    };

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
