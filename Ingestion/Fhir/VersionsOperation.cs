using Hl7.Fhir.Model;

namespace CodeUpdates.Ingestion.Fhir;

/// <summary>
/// <c>$versions</c> (system level): the FHIR versions this server speaks and its default, as the operation
/// CapabilityStatement-versions defines it (major.minor). The code systems' releases are in
/// <c>metadata?mode=terminology</c>, not here.
/// </summary>
internal static class VersionsOperation
{
    public const string FhirVersion = "4.0";

    public static FhirAnswer Run()
    {
        var output = new Parameters();
        output.Add("version", new Code(FhirVersion));
        output.Add("default", new Code(FhirVersion));
        return FhirAnswer.Ok(output);
    }
}
