using CodeUpdates.Ingestion.Http;
using CodeUpdates.Ingestion.Lookup;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CodeUpdates.Functions;

/// <summary>Dated code lookups for claims and EHR systems.</summary>
public sealed class CodeFunctions(IVersionSource versions, TimeProvider time)
{
    [Function("GetCode")]
    public async Task<IActionResult> GetCode(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "codes/{system}/{code}")] HttpRequest request,
        string system,
        string code,
        CancellationToken cancellationToken) =>
        new ResultAction(await CodeEndpoints.GetCodeAsync(
            versions, time, system, code, request.Query["date"], request.Headers.IfNoneMatch, cancellationToken));

    [Function("GetCodeHistory")]
    public async Task<IActionResult> GetHistory(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "codes/{system}/{code}/history")] HttpRequest request,
        string system,
        string code,
        CancellationToken cancellationToken) =>
        new ResultAction(await CodeEndpoints.GetHistoryAsync(versions, system, code, request.Headers.IfNoneMatch, cancellationToken));

    [Function("LookupCodes")]
    public async Task<IActionResult> Lookup(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "codes/lookup")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        LookupRequest? body;
        try
        {
            body = await request.ReadFromJsonAsync<LookupRequest>(ApiResults.Json, cancellationToken);
        }
        catch (System.Text.Json.JsonException ex)
        {
            return new ResultAction(ApiResults.BadRequest($"the body is not valid JSON: {ex.Message}"));
        }

        return new ResultAction(await CodeEndpoints.LookupAsync(versions, time, body, cancellationToken));
    }
}
