using CodeUpdates.Ingestion.Http;
using CodeUpdates.Ingestion.Subscribers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CodeUpdates.Functions;

/// <summary>
/// The subscriber list over HTTP, admin key only. The worker's ASP.NET Core integration maps
/// IActionResult, not minimal-API IResult, so the adapter executes the handler's IResult on the
/// real HttpContext and returns an empty action result.
/// </summary>
public sealed class SubscriberFunctions(SubscriberStore store)
{
    [Function("PutSubscriber")]
    public async Task<IActionResult> Put(
        [HttpTrigger(AuthorizationLevel.Admin, "put", Route = "subscribers/{email}")] HttpRequest request, string email, CancellationToken cancellationToken) =>
        await Execute(request, await SubscriberEndpoints.PutAsync(email, request, store, cancellationToken));

    [Function("ListSubscribers")]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "subscribers")] HttpRequest request, CancellationToken cancellationToken) =>
        await Execute(request, await SubscriberEndpoints.ListAsync(store, cancellationToken));

    [Function("DeleteSubscriber")]
    public async Task<IActionResult> Delete(
        [HttpTrigger(AuthorizationLevel.Admin, "delete", Route = "subscribers/{email}")] HttpRequest request, string email, CancellationToken cancellationToken) =>
        await Execute(request, await SubscriberEndpoints.DeleteAsync(email, store, cancellationToken));

    private static async Task<IActionResult> Execute(HttpRequest request, IResult result)
    {
        await result.ExecuteAsync(request.HttpContext);
        return new EmptyResult();
    }
}
