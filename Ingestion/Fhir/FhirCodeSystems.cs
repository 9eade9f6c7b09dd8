using CodeUpdates.Ingestion.ReleaseFiles;

namespace CodeUpdates.Ingestion.Fhir;

/// <summary>How FHIR names the code systems: HL7 Terminology's canonical URLs, and the implicit value set of all codes.</summary>
public static class FhirCodeSystems
{
    public const string HcpcsUrl = "http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets";
    public const string CptUrl = "http://www.ama-assn.org/go/cpt";

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
}
