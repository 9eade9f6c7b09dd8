using CodeUpdates.Ingestion.Lookup;
using Hl7.Fhir.Model;

namespace CodeUpdates.Ingestion.Fhir;

/// <summary>
/// <c>ConceptMap/$translate</c>: a deleted code to the codes to use instead (HCPCS XREF). With <c>knownAt</c> the
/// replacements are shown as the system held them then, as the code itself is.
/// </summary>
internal sealed class TranslateOperation(IVersionSource versions, CodeResolver resolver, KnownVersions? known)
{
    // The input parameters of cardinality 0..1 in the R4 specification.
    // One given twice is refused rather than one of them silently taken.
    private static readonly string[] Singles =
        ["url", "conceptMap", "conceptMapVersion", "code", "system", "version", "source", "coding", "codeableConcept", "target", "targetsystem", "reverse"];

    public async Task<FhirAnswer> RunAsync(OperationInput input, CancellationToken cancellationToken)
    {
        if (input.Repeated(Singles, "$translate") is { } repeated)
        {
            return repeated;
        }

        if (input.Text("url") is { Length: > 0 } url)
        {
            return FhirAnswer.NotFound($"ConceptMap '{url}' is not known: call ConceptMap/$translate without url to map a deleted code to its replacements");
        }

        var coding = input.Coding("coding") ?? input.CodeableConcept("codeableConcept")?.Coding.FirstOrDefault();
        var request = await resolver.ResolveAsync(input, input.Text("system") ?? coding?.System, input.Text("code") ?? coding?.Code, "system", cancellationToken);
        if (request.Error is { } error)
        {
            return error;
        }

        if (request.Answer is not { } answer)
        {
            return Result(false, request.UnknownReason, request);
        }

        var target = input.Text("targetsystem") ?? input.Text("target");
        if (target is not null && target != request.System.Url() && target != request.System.AllCodesValueSet())
        {
            return Result(false, $"{answer.Code} maps only to codes of its own system, {request.System.Url()}", request);
        }

        if (answer.ReplacedBy.Count == 0)
        {
            return Result(false, $"{answer.Code} names no replacement code ({answer.Reason})", request);
        }

        var output = Result(true, answer.Reason, request);
        var index = request.KnownAt is { } at && known is not null && await known.SystemAtAsync(request.System, at, cancellationToken) is { } then
            ? then.Index
            : await versions.GetAsync(cancellationToken);
        foreach (var replacement in answer.ReplacedBy)
        {
            var concept = new Coding(request.System.Url(), replacement);
            if (index.Find(request.System, replacement) is { } found)
            {
                concept.Display = FhirCodeAnswer.Display(CodeAnswer.From(found, answer.Date));
                concept.Version = request.Release?.Version;
            }

            ((Parameters)output.Resource).Add("match", [
                Tuple.Create("equivalence", (Base)new Code("relatedto")),
                Tuple.Create("concept", (Base)concept),
            ]);
        }

        return output;
    }

    /// <summary>The answer, saying which state answered when <c>knownAt</c> was asked.</summary>
    private static FhirAnswer Result(bool result, string message, ResolvedCode request)
    {
        var output = new Parameters();
        output.Add("result", new FhirBoolean(result));
        output.Add("message", new FhirString(message));
        request.AddKnownAt(output);
        return FhirAnswer.Ok(output);
    }
}
