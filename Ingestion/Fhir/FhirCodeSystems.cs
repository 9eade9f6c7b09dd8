using CodeUpdates.Ingestion.ReleaseFiles;

namespace CodeUpdates.Ingestion.Fhir;

/// <summary>How FHIR names the code systems: HL7 Terminology's canonical URLs, and the implicit value set of all codes.</summary>
public static class FhirCodeSystems
{
    public const string HcpcsUrl = "http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets";
    public const string CptUrl = "http://www.ama-assn.org/go/cpt";

    /// <summary>
    /// The spelling CMS's own pages use. Accepted wherever a system is given, so that a client holding either finds
    /// HCPCS; answers always carry <see cref="HcpcsUrl"/>, HL7 Terminology's canonical.
    /// </summary>
    public const string HcpcsHttpsUrl = "https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets";

    /// <summary>The extension the ecosystem reads for a resource's page for people (its requirements, "Human Representation").</summary>
    public const string WebSourceExtension = "http://hl7.org/fhir/StructureDefinition/web-source";

    /// <summary>Appended to a code system's URL, names the value set of all its codes (FHIR R4 "implicit value sets").</summary>
    public const string AllCodesSuffix = "?fhir_vs";

    public static readonly IReadOnlyList<CodeSystem> All = Enum.GetValues<CodeSystem>();

    public static string Url(this CodeSystem system) => system switch
    {
        CodeSystem.Hcpcs => HcpcsUrl,
        CodeSystem.Cpt => CptUrl,
        _ => throw new ArgumentOutOfRangeException(nameof(system), system, null),
    };

    public static string AllCodesValueSet(this CodeSystem system) => system.Url() + AllCodesSuffix;

    /// <summary>The name $lookup answers with.</summary>
    public static string Title(this CodeSystem system) => system switch
    {
        CodeSystem.Hcpcs => "HCPCS Level II",
        CodeSystem.Cpt => "CPT",
        _ => throw new ArgumentOutOfRangeException(nameof(system), system, null),
    };

    public static string Publisher(this CodeSystem system) => system switch
    {
        CodeSystem.Hcpcs => "Centers for Medicare & Medicaid Services",
        CodeSystem.Cpt => "American Medical Association",
        _ => throw new ArgumentOutOfRangeException(nameof(system), system, null),
    };

    public static bool TryParseUrl(string? url, out CodeSystem system)
    {
        if (string.Equals(url?.Trim(), HcpcsHttpsUrl, StringComparison.Ordinal))
        {
            system = CodeSystem.Hcpcs;
            return true;
        }

        foreach (var candidate in All)
        {
            if (string.Equals(url?.Trim(), candidate.Url(), StringComparison.Ordinal))
            {
                system = candidate;
                return true;
            }
        }

        system = default;
        return false;
    }

    public static bool TryParseValueSetUrl(string? url, out CodeSystem system)
    {
        var trimmed = url?.Trim();
        if (trimmed is not null && trimmed.EndsWith(AllCodesSuffix, StringComparison.Ordinal))
        {
            return TryParseUrl(trimmed[..^AllCodesSuffix.Length], out system);
        }

        system = default;
        return false;
    }

    /// <summary>The logical id of one release as a CodeSystem resource: <c>hcpcs-2019-01-01</c>.</summary>
    public static string ResourceId(CodeSystem system, DateOnly effective) => $"{system.Name()}-{IsoDate.Format(effective)}";

    public static bool TryParseResourceId(string? id, out CodeSystem system, out DateOnly effective)
    {
        effective = default;
        system = default;
        var dash = id?.IndexOf('-') ?? -1;
        return dash > 0 && CodeSystems.TryParse(id![..dash], out system) && IsoDate.TryParse(id[(dash + 1)..], out effective);
    }

    /// <summary>
    /// The web app's page of a release, <c>/releases/{system}/{effective}</c>. The web app is served at the root the
    /// FHIR base (<c>{root}/api/fhir</c>) hangs from, so the root is the base without its last two segments.
    /// </summary>
    public static string ReleasePage(string fhirBaseUrl, CodeSystemRelease release) =>
        $"{WebRoot(fhirBaseUrl)}/releases/{release.System.Name()}/{release.Version}";

    /// <summary>The web app's search page of a system, the page for people of its implicit value set.</summary>
    public static string SearchPage(string fhirBaseUrl, CodeSystem system) => $"{WebRoot(fhirBaseUrl)}/search?system={system.Name()}";

    private static string WebRoot(string fhirBaseUrl)
    {
        var root = fhirBaseUrl.TrimEnd('/');
        for (var segment = 0; segment < 2 && root.LastIndexOf('/') is var slash && slash > root.IndexOf("//", StringComparison.Ordinal) + 1; segment++)
        {
            root = root[..slash];
        }

        return root;
    }
}
