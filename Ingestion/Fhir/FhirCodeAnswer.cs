using CodeUpdates.Ingestion.Lookup;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Versions;
using Hl7.Fhir.Model;
using FhirCodeSystem = Hl7.Fhir.Model.CodeSystem;

namespace CodeUpdates.Ingestion.Fhir;

/// <summary>
/// How the JSON API's answer for a code on a date (<see cref="CodeAnswer"/>) is told in FHIR: its display and
/// its properties, so $lookup, $validate-code, $translate and the CodeSystem resources say the same things.
/// </summary>
public static class FhirCodeAnswer
{
    /// <summary>The code properties $lookup returns and each CodeSystem declares.</summary>
    public static readonly IReadOnlyList<(string Code, FhirCodeSystem.PropertyType Type, string Description)> Properties =
    [
        ("inactive", FhirCodeSystem.PropertyType.Boolean, "True when the code is not valid for services on the date asked about"),
        ("status", FhirCodeSystem.PropertyType.Code, "active | terminated | not-yet-effective on the date asked about"),
        ("validFrom", FhirCodeSystem.PropertyType.DateTime, "First service date the code is valid (HCPCS ADD DT)"),
        ("validTo", FhirCodeSystem.PropertyType.DateTime, "Last service date the code is valid (HCPCS TERM DT), when it ends"),
        ("replacedBy", FhirCodeSystem.PropertyType.Code, "A code to use instead (HCPCS XREF), one property per code"),
    ];

    /// <summary>The long text, else the short, else the code itself.</summary>
    public static string Display(CodeAnswer answer) => answer.LongDescription ?? answer.ShortDescription ?? answer.Code;

    /// <summary>The values of <see cref="Properties"/> for the answer, in that order; replacedBy once per code.</summary>
    public static IEnumerable<(string Code, DataType Value)> PropertiesOf(CodeAnswer answer)
    {
        yield return ("inactive", new FhirBoolean(!answer.Valid));
        yield return ("status", new Code(StatusCode(answer.Status)));
        yield return ("validFrom", new FhirDateTime(IsoDate.Format(answer.ValidFrom)));
        if (answer.ValidTo is { } to)
        {
            yield return ("validTo", new FhirDateTime(IsoDate.Format(to)));
        }

        foreach (var replacement in answer.ReplacedBy)
        {
            yield return ("replacedBy", new Code(replacement));
        }
    }

    /// <summary>The status words of the JSON API (<see cref="CodeStatus"/>'s JSON names).</summary>
    public static string StatusCode(CodeStatus status) => status switch
    {
        CodeStatus.Terminated => "terminated",
        CodeStatus.NotYetEffective => "not-yet-effective",
        _ => "active",
    };
}
