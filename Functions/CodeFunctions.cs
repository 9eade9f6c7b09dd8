using CodeUpdates.Ingestion.Access;
using CodeUpdates.Ingestion.Lookup;
using CodeUpdates.Functions.Access;
using CodeUpdates.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;

namespace CodeUpdates.Functions;

/// <summary>Dated code lookups for claims and EHR systems.</summary>
public sealed class CodeFunctions(CodeLookup lookup)
{
    [Function("GetCode")]
    public async Task<Results<JsonHttpResult<CodeAnswer>, StatusCodeHttpResult, ProblemHttpResult>> GetCode(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ApiRoutes.Code)] HttpRequest request,
        string system,
        string code,
        CancellationToken cancellationToken) =>
        HttpAnswers.Json(request, await lookup.AnswerAsync(system, code, request.Query["date"], request.Query["knownAt"], cancellationToken));

    [Function("GetCodeHistory")]
    public async Task<Results<JsonHttpResult<CodeHistory>, StatusCodeHttpResult, ProblemHttpResult>> GetHistory(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ApiRoutes.CodeHistory)] HttpRequest request,
        string system,
        string code,
        CancellationToken cancellationToken) =>
        HttpAnswers.Json(request, await lookup.HistoryAsync(system, code, request.Query["knownAt"], request.Query["include"], cancellationToken));

    // A batch of lookups is sent as a POST body, but it only reads.
    [Function("LookupCodes")]
    [Requires(Clearance.Reader)]
    public async Task<Results<JsonHttpResult<LookupResponse>, StatusCodeHttpResult, ProblemHttpResult>> Lookup(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.CodeLookup)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<LookupRequest>(request, LookupRequest.Example, cancellationToken);
        return problem ?? HttpAnswers.Json(request, await lookup.LookupAsync(body, cancellationToken));
    }
}
