using CodeUpdates.Ingestion.Http;
using CodeUpdates.Ingestion.Subscribers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CodeUpdates.Functions;

/// <summary>The subscriber list over HTTP, admin key only: who gets which systems' change reports.</summary>
public sealed class SubscriberFunctions(SubscriberStore store)
{
    [Function("PutSubscriber")]
    public async Task<IActionResult> Put(
        [HttpTrigger(AuthorizationLevel.Admin, "put", Route = "subscribers/{email}")] HttpRequest request, string email, CancellationToken cancellationToken) =>
        new ResultAction(await SubscriberEndpoints.PutAsync(email, request, store, cancellationToken));

    [Function("ListSubscribers")]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "subscribers")] HttpRequest request, CancellationToken cancellationToken) =>
        new ResultAction(await SubscriberEndpoints.ListAsync(store, cancellationToken));

    [Function("DeleteSubscriber")]
    public async Task<IActionResult> Delete(
        [HttpTrigger(AuthorizationLevel.Admin, "delete", Route = "subscribers/{email}")] HttpRequest request, string email, CancellationToken cancellationToken) =>
        new ResultAction(await SubscriberEndpoints.DeleteAsync(email, store, cancellationToken));
}
