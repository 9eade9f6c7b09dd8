using CodeUpdates.Functions.Access;
using CodeUpdates.Functions.Http;
using CodeUpdates.Ingestion.Access;
using CodeUpdates.Ingestion.Spans;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;

namespace CodeUpdates.Functions;

/// <summary>The net change between two service dates, of a whole system or of a caller's code list, and the whole code set on a date.</summary>
public sealed class ChangeSpanFunctions(ChangeSpans spans, CodeSets codeSets)
{
    [Function("GetChanges")]
    public async Task<Results<PushStreamHttpResult, StatusCodeHttpResult, ProblemHttpResult>> GetChanges(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ApiRoutes.Changes)] HttpRequest request,
        string system,
        CancellationToken cancellationToken) =>
        HttpAnswers.Streamed(request, await spans.ChangesAsync(system, request.Query["from"], request.Query["to"], request.Query["format"], request.Query["codes"], request.Query["knownAt"], cancellationToken));

    // A code list is sent as a POST body, but the route only reads.
    [Function("PostChanges")]
    [Requires(Clearance.Reader)]
    public async Task<Results<PushStreamHttpResult, StatusCodeHttpResult, ProblemHttpResult>> PostChanges(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Changes)] HttpRequest request,
        string system,
        CancellationToken cancellationToken)
    {
        if (await RequestBody.ReadAsync(request, cancellationToken) is not { } body)
        {
            return RequestBody.Problem(StatusCodes.Status413PayloadTooLarge);
        }

        return HttpAnswers.Streamed(request, await spans.ChangesAsync(system, request.Query["from"], request.Query["to"], request.Query["format"], request.Query["knownAt"], request.ContentType, body, cancellationToken));
    }

    [Function("GetCodeSet")]
    public async Task<Results<PushStreamHttpResult, StatusCodeHttpResult, ProblemHttpResult>> GetCodeSet(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ApiRoutes.CodeSet)] HttpRequest request,
        string system,
        string date,
        CancellationToken cancellationToken) =>
        HttpAnswers.Streamed(request, await codeSets.CodeSetAsync(system, date, request.Query["format"], request.Query["status"], request.Query["knownAt"], cancellationToken));
}
