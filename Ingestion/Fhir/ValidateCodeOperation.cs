using CodeUpdates.Ingestion.ReleaseFiles;
using Hl7.Fhir.Model;
using CodeSystem = CodeUpdates.Ingestion.ReleaseFiles.CodeSystem;

namespace CodeUpdates.Ingestion.Fhir;

/// <summary>
/// <c>CodeSystem/$validate-code</c> (<c>url</c> is the code system) and <c>ValueSet/$validate-code</c>
/// (<c>url</c> is <c>{system}?fhir_vs</c>). An unknown code is a false result, not an error.
/// </summary>
internal sealed class ValidateCodeOperation(CodeResolver resolver)
{
    // The input parameters of cardinality 0..1 in the R4 specification, of both operations.
    // One given twice is refused rather than one of them silently taken.
    private static readonly string[] Singles =
        ["url", "context", "valueSet", "valueSetVersion", "code", "system", "systemVersion", "version", "display", "coding", "codeableConcept", "date", "abstract", "displayLanguage"];

    /// <param name="valueSet">True for ValueSet/$validate-code, false for CodeSystem/$validate-code.</param>
    public async Task<FhirAnswer> RunAsync(OperationInput input, bool valueSet, CancellationToken cancellationToken)
    {
        if (input.Repeated(Singles, "$validate-code") is { } repeated)
        {
            return repeated;
        }

        var url = input.Text("url");
        string? systemUrl;
        if (valueSet)
        {
            if (string.IsNullOrEmpty(url))
            {
                return FhirAnswer.Invalid("url is required: the value set of all codes of a system, for example " + CodeSystem.Hcpcs.AllCodesValueSet());
            }

            if (!FhirCodeSystems.TryParseValueSetUrl(url, out var vsSystem))
            {
                return FhirAnswer.NotFound($"ValueSet '{url}' is not known: use {CodeSystem.Hcpcs.AllCodesValueSet()} or {CodeSystem.Cpt.AllCodesValueSet()}");
            }

            systemUrl = vsSystem.Url();
        }
        else
        {
            systemUrl = url ?? input.Text("system");
        }

        // The code comes from code (+ system), coding, or the first coding of codeableConcept in the system.
        var coding = input.Coding("coding");
        var concept = input.CodeableConcept("codeableConcept");
        var code = input.Text("code");
        var display = input.Text("display");
        if (code is null && coding is not null)
        {
            code = coding.Code;
            display ??= coding.Display;
            systemUrl ??= coding.System;
        }
        else if (code is null && concept is not null)
        {
            var chosen = concept.Coding.FirstOrDefault(c => systemUrl is null || c.System == systemUrl) ?? concept.Coding.FirstOrDefault();
            code = chosen?.Code;
            display ??= chosen?.Display;
            systemUrl ??= chosen?.System;
        }

        if (valueSet && input.Text("system") is { } stated && stated != systemUrl)
        {
            return Validation(false, $"system '{stated}' is not in the value set {url}", null, null);
        }

        var request = await resolver.ResolveAsync(input, systemUrl, code, valueSet ? "url" : "url or system", cancellationToken);
        if (request.Error is { } error)
        {
            return error;
        }

        if (request.Answer is not { } answer)
        {
            return Validation(false, request.UnknownReason, null, null);
        }

        var shown = FhirCodeAnswer.Display(answer);
        OperationOutcome? issues = null;
        if (!string.IsNullOrWhiteSpace(display) && !answer.Descriptors.Values.Any(d => string.Equals(TextNormalizer.Collapse(d), TextNormalizer.Collapse(display), StringComparison.OrdinalIgnoreCase)))
        {
            issues = FhirAnswer.Outcome(
                OperationOutcome.IssueSeverity.Warning,
                OperationOutcome.IssueType.Invalid,
                $"display '{display}' does not match the text of {answer.Code} in force on {IsoDate.Format(answer.Date)}: '{shown}'");
        }

        return Validation(answer.Valid, answer.Reason, shown, issues);
    }

    private static FhirAnswer Validation(bool result, string message, string? display, OperationOutcome? issues)
    {
        var output = new Parameters();
        output.Add("result", new FhirBoolean(result));
        output.Add("message", new FhirString(message));
        if (display is not null)
        {
            output.Add("display", new FhirString(display));
        }

        if (issues is not null)
        {
            output.Parameter.Add(new Parameters.ParameterComponent { Name = "issues", Resource = issues });
        }

        return FhirAnswer.Ok(output);
    }
}
