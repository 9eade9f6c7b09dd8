using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace CodeUpdates.Functions.Http;

/// <summary>
/// Errors that both hosts write before or around a function (sign-in, storage outage) in the form FHIR clients
/// read under <see cref="PathPrefix"/>: an OperationOutcome as <c>application/fhir+json</c>, not problem details.
/// </summary>
public static class FhirErrors
{
    public const string PathPrefix = "/api/fhir";

    public static bool IsFhir(PathString path) => path.StartsWithSegments(PathPrefix, StringComparison.OrdinalIgnoreCase);

    /// <param name="issueCode">The FHIR issue-type code (<c>login</c>, <c>forbidden</c>, <c>transient</c>).</param>
    public static IResult Outcome(int status, string issueCode, string diagnostics)
    {
        var outcome = new JsonObject
        {
            ["resourceType"] = "OperationOutcome",
            ["issue"] = new JsonArray(new JsonObject { ["severity"] = "error", ["code"] = issueCode, ["diagnostics"] = diagnostics }),
        };
        return Results.Text(outcome.ToJsonString(), "application/fhir+json", statusCode: status);
    }
}
