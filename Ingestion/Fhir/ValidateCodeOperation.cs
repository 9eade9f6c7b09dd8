using CodeUpdates.Ingestion.Answers;
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
        ["url", "context", "valueSet", "valueSetVersion", "code", "system", "systemVersion", "version", "display", "coding", "codeableConcept", "date", "abstract", "displayLanguage", CodeResolver.KnownAtParameter];

    /// <param name="valueSet">True for ValueSet/$validate-code, false for CodeSystem/$validate-code.</param>
    public async Task<FhirAnswer> RunAsync(OperationInput input, bool valueSet, CancellationToken cancellationToken)
    {
        if (input.Repeated(Singles, "$validate-code") is { } repeated)
        {
            return repeated;
        }

        // The code comes from code (+ system), coding, or the first coding of codeableConcept in the system;
        // where it came from is the path the issues name.
        var url = input.Text("url");
        var coding = input.Coding("coding");
        var concept = input.CodeableConcept("codeableConcept");
        var code = input.Text("code");
        var display = input.Text("display");
        var statedSystem = input.Text("system");
        string? statedVersion = null;
        var path = "";
        if (code is null && coding is not null)
        {
            code = coding.Code;
            display ??= coding.Display;
            statedSystem ??= coding.System;
            statedVersion = coding.Version;
            path = "Coding.";
        }
        else if (code is null && concept is not null)
        {
            var preferred = valueSet ? statedSystem ?? (FhirCodeSystems.TryParseValueSetUrl(url, out var vsOfUrl) ? vsOfUrl.Url() : null) : url ?? statedSystem;
            var index = concept.Coding.FindIndex(c => preferred is null || SameSystem(c.System, preferred));
            index = index < 0 ? 0 : index;
            var chosen = concept.Coding.ElementAtOrDefault(index);
            code = chosen?.Code;
            display ??= chosen?.Display;
            statedSystem ??= chosen?.System;
            statedVersion = chosen?.Version;
            path = $"CodeableConcept.coding[{index}].";
        }

        // A system this server does not hold is a false result that names it, not an error: a validator
        // then tells its user which code system it could not check (the ecosystem's x-caused-by-unknown-system).
        var unknownSystem = valueSet ? statedSystem : url ?? statedSystem;
        if (!string.IsNullOrEmpty(unknownSystem) && !FhirCodeSystems.TryParseUrl(unknownSystem, out _))
        {
            return UnknownSystem(unknownSystem, code, path);
        }

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

            if (statedSystem is not null && (!FhirCodeSystems.TryParseUrl(statedSystem, out var statedParsed) || statedParsed != vsSystem))
            {
                return Validation(false, $"system '{statedSystem}' is not in the value set {url}", null, null, null);
            }

            systemUrl = vsSystem.Url();
        }
        else
        {
            systemUrl = url ?? statedSystem;
        }

        var request = await resolver.ResolveAsync(input, systemUrl, code, valueSet ? "url" : "url or system", cancellationToken, statedVersion);
        if (request.VersionConflict is { } conflict)
        {
            var outcome = new OperationOutcome { Issue = [TxIssue.Of(OperationOutcome.IssueSeverity.Error, OperationOutcome.IssueType.BusinessRule, "version-error", conflict, path + "version")] };
            return Validation(false, conflict, null, outcome, new Coded(request.System.Url(), code, null), request);
        }

        if (request.Error is { } error)
        {
            return error;
        }

        var normalized = RequestValues.TryCode(code, out var upper, out _) ? upper : code!.Trim();
        var coded = new Coded(request.System.Url(), normalized, request.Release?.Version);
        if (request.Answer is not { } answer)
        {
            var notFound = new OperationOutcome
            {
                Issue = [TxIssue.Of(OperationOutcome.IssueSeverity.Error, OperationOutcome.IssueType.CodeInvalid, "invalid-code", request.UnknownReason, path + "code", "Unknown_Code_in_Version")],
            };
            return Validation(false, request.UnknownReason, null, notFound, coded, request);
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

        return Validation(answer.Valid, answer.Reason, shown, issues, coded with { Code = answer.Code }, request);
    }

    /// <summary>The ecosystem's answer for a code system this server does not hold (its errors-unknown-system test).</summary>
    private static FhirAnswer UnknownSystem(string system, string? code, string path)
    {
        var message = $"A definition for CodeSystem '{system}' could not be found, so the code cannot be validated";
        var output = new Parameters();
        if (!string.IsNullOrEmpty(code))
        {
            output.Add("code", new Code(code));
        }

        output.Parameter.Add(new Parameters.ParameterComponent
        {
            Name = "issues",
            Resource = new OperationOutcome
            {
                Issue = [TxIssue.Of(OperationOutcome.IssueSeverity.Error, OperationOutcome.IssueType.NotFound, "not-found", message, path + "system", "UNKNOWN_CODESYSTEM")],
            },
        });
        output.Add("message", new FhirString(message));
        output.Add("result", new FhirBoolean(false));
        output.Add("system", new FhirUri(system));
        output.Add("x-caused-by-unknown-system", new Canonical(system));
        return FhirAnswer.Ok(output);
    }

    private static FhirAnswer Validation(bool result, string message, string? display, OperationOutcome? issues, Coded? coded, ResolvedCode? request = null)
    {
        var output = new Parameters();
        output.Add("result", new FhirBoolean(result));
        output.Add("message", new FhirString(message));
        if (coded is not null)
        {
            // What the answer was based on; the version is the release that answered (pinned or in force on the date).
            output.Add("system", new FhirUri(coded.System));
            if (!string.IsNullOrEmpty(coded.Code))
            {
                output.Add("code", new Code(coded.Code));
            }

            if (coded.Version is not null)
            {
                output.Add("version", new FhirString(coded.Version));
            }
        }

        if (display is not null)
        {
            output.Add("display", new FhirString(display));
        }

        if (issues is not null)
        {
            output.Parameter.Add(new Parameters.ParameterComponent { Name = "issues", Resource = issues });
        }

        request?.AddKnownAt(output);
        return FhirAnswer.Ok(output);
    }

    private static bool SameSystem(string? a, string b) =>
        a == b || (FhirCodeSystems.TryParseUrl(a, out var first) && FhirCodeSystems.TryParseUrl(b, out var second) && first == second);

    private sealed record Coded(string System, string? Code, string? Version);
}
