using CodeUpdates.Ingestion.Access;
using CodeUpdates.Ingestion.Answers;
using CodeUpdates.Ingestion.Subscribers;
using CodeUpdates.Functions.Access;
using CodeUpdates.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;

namespace CodeUpdates.Functions;

/// <summary>The subscriber list over HTTP, admins only (reading it too: it lists people's addresses): who gets which systems' change reports.</summary>
[Requires(Clearance.Admin)]
public sealed class SubscriberFunctions(SubscriberDirectory directory)
{
    [Function("PutSubscriber")]
    public async Task<Results<JsonHttpResult<Subscriber>, StatusCodeHttpResult, ProblemHttpResult>> Put(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = ApiRoutes.Subscriber)] HttpRequest request,
        string email,
        CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<SubscriberRequest>(request, SubscriberRequest.Example, cancellationToken);
        return problem ?? HttpAnswers.Json(request, await directory.PutAsync(email, body, cancellationToken));
    }

    [Function("ListSubscribers")]
    public async Task<Results<JsonHttpResult<SubscriberList>, StatusCodeHttpResult, ProblemHttpResult>> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ApiRoutes.Subscribers)] HttpRequest request,
        CancellationToken cancellationToken) =>
        HttpAnswers.Json(request, Answer<SubscriberList>.Of(await directory.ListAsync(cancellationToken)));

    [Function("DeleteSubscriber")]
    public async Task<Results<NoContent, ProblemHttpResult>> Delete(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = ApiRoutes.Subscriber)] HttpRequest request,
        string email,
        CancellationToken cancellationToken) =>
        await directory.DeleteAsync(email, cancellationToken) is { } refusal ? HttpAnswers.Problem(refusal) : TypedResults.NoContent();

    /// <summary>Replaces the subscriber's code list with the body: text/plain, text/csv (a code column) or JSON, as <see cref="CodeList"/> reads them.</summary>
    [Function("PutSubscriberCodes")]
    public async Task<Results<JsonHttpResult<SubscriberCodeList>, StatusCodeHttpResult, ProblemHttpResult>> PutCodes(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = ApiRoutes.SubscriberCodes)] HttpRequest request,
        string email,
        CancellationToken cancellationToken)
    {
        if (HttpAnswers.NotAcceptable(request, "application/json") is { } refused)
        {
            return refused;
        }

        return await RequestBody.ReadAsync(request, cancellationToken) is { } body
            ? HttpAnswers.Json(request, await directory.PutCodesAsync(email, request.ContentType, body, cancellationToken))
            : RequestBody.Problem(StatusCodes.Status413PayloadTooLarge);
    }

    [Function("GetSubscriberCodes")]
    public async Task<Results<JsonHttpResult<SubscriberCodeList>, StatusCodeHttpResult, ProblemHttpResult>> GetCodes(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ApiRoutes.SubscriberCodes)] HttpRequest request,
        string email,
        CancellationToken cancellationToken) =>
        HttpAnswers.Json(request, await directory.GetCodesAsync(email, cancellationToken));

    [Function("DeleteSubscriberCodes")]
    public async Task<Results<NoContent, ProblemHttpResult>> DeleteCodes(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = ApiRoutes.SubscriberCodes)] HttpRequest request,
        string email,
        CancellationToken cancellationToken) =>
        await directory.DeleteCodesAsync(email, cancellationToken) is { } refusal ? HttpAnswers.Problem(refusal) : TypedResults.NoContent();
}
