using CodeUpdates.Ingestion.ReleaseFiles;
using Hl7.Fhir.Model;

namespace CodeUpdates.Ingestion.Fhir;

/// <summary><c>CodeSystem/$lookup</c>: the code's text and properties as in force on <c>date</c>.</summary>
internal sealed class LookupOperation(CodeResolver resolver)
{
    // The input parameters of cardinality 0..1 in the R4 specification (property may repeat).
    // One given twice is refused rather than one of them silently taken.
    private static readonly string[] Singles = ["code", "system", "version", "coding", "date", "displayLanguage", CodeResolver.KnownAtParameter];

    public async Task<FhirAnswer> RunAsync(OperationInput input, CancellationToken cancellationToken)
    {
        if (input.Repeated(Singles, "$lookup") is { } repeated)
        {
            return repeated;
        }

        var coding = input.Coding("coding");
        var request = await resolver.ResolveAsync(input, input.Text("system") ?? coding?.System, input.Text("code") ?? coding?.Code, "system", cancellationToken, coding?.Version);
        if (request.Error is { } error)
        {
            return error;
        }

        if (request.Answer is not { } answer)
        {
            return FhirAnswer.NotFound(request.UnknownReason);
        }

        var wanted = input.Texts("property").ToHashSet(StringComparer.Ordinal);
        var output = new Parameters();
        output.Add("name", new FhirString(request.System.Title()));
        if (request.Release is { } release)
        {
            output.Add("version", new FhirString(release.Version));
        }

        output.Add("display", new FhirString(FhirCodeAnswer.Display(answer)));
        foreach (var kind in DescriptorKind.All)
        {
            if (kind != DescriptorKind.Long && answer.Descriptors.TryGetValue(kind, out var text))
            {
                output.Add("designation", [
                    Tuple.Create("use", (Base)DesignationUse(kind)),
                    Tuple.Create("value", (Base)new FhirString(text)),
                ]);
            }
        }

        foreach (var (code, value) in FhirCodeAnswer.PropertiesOf(answer))
        {
            if (wanted.Count == 0 || wanted.Contains(code))
            {
                output.Add("property", [Tuple.Create("code", (Base)new Code(code)), Tuple.Create("value", (Base)value)]);
            }
        }

        request.AddKnownAt(output);
        return FhirAnswer.Ok(output);
    }

    /// <summary>
    /// Designations name the descriptor they carry (short; CPT medium, consumer, clinician) by a code
    /// without a system: neither CMS nor the AMA publishes a code system for their descriptor kinds.
    /// </summary>
    private static Coding DesignationUse(string kind) => new() { Code = kind, Display = kind + " descriptor" };
}
