using CodeUpdates.Ingestion.Access;
using CodeUpdates.Ingestion.Fhir;
using CodeUpdates.Functions.Http;
using Microsoft.AspNetCore.Http;
using OperationOutcome = Hl7.Fhir.Model.OperationOutcome;

namespace CodeUpdates.Functions.Access;

/// <summary>
/// Applies <see cref="AccessPolicy"/> to one HTTP request before its function runs, the same way in both
/// hosts (the Functions middleware and <c>codeupdates serve</c>): a caller who may not call the route gets
/// 401 or 403 as problem details, or as a FHIR OperationOutcome under the FHIR base (<see cref="FhirHttp.IsFhirPath"/>).
/// </summary>
public static class AccessGate
{

    private const string CallerItem = "CodeUpdates.Access.Caller";

    /// <summary>True when the call may go ahead (the caller is then <see cref="CallerOf"/>); otherwise the refusal is written and the function must not run.</summary>
    /// <param name="callerIsLocal">The connection comes from this machine; only <c>serve</c> can know it.</param>
    public static async Task<bool> AdmitAsync(HttpContext http, AccessPolicy policy, Clearance required, bool callerIsLocal)
    {
        // Two principal headers (or two keys) join into one value that reads as no principal (or a wrong key): refused, never guessed.
        var decision = policy.Decide(
            required,
            http.Request.Headers[ClientPrincipalHeader.Name].ToString(),
            callerIsLocal,
            presentedKey: http.Request.Headers[AccessPolicy.AdminKeyHeader].ToString());
        if (decision.Allowed)
        {
            http.Items[CallerItem] = decision.Caller;
            return true;
        }

        await Refusal(http.Request, decision).ExecuteAsync(http);
        return false;
    }

    /// <summary>The caller the gate admitted for this request.</summary>
    public static Caller? CallerOf(HttpContext http) => http.Items.TryGetValue(CallerItem, out var caller) ? caller as Caller : null;

    private static IResult Refusal(HttpRequest request, AccessDecision decision)
    {
        var (status, title, fhirIssue) = decision.Outcome == AccessOutcome.Forbidden
            ? (StatusCodes.Status403Forbidden, "Forbidden", OperationOutcome.IssueType.Forbidden)
            : (StatusCodes.Status401Unauthorized, "Not signed in", OperationOutcome.IssueType.Login);
        var detail = decision.Detail ?? title;

        return FhirHttp.IsFhirPath(request.Path)
            ? FhirHttp.Respond(request, FhirAnswer.Error(status, fhirIssue, detail))
            : HttpAnswers.Problem(status, title, detail);
    }
}
