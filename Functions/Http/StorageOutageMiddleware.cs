using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace CodeUpdates.Functions.Http;

/// <summary>
/// The Functions worker's side of <see cref="StorageOutage"/>: an HTTP function that fails for want of storage answers 503 with
/// Retry-After; one that fails because the server refused to read the request answers that refusal's status (<see cref="RequestBody.Refused"/>).
/// </summary>
public sealed class StorageOutageMiddleware : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException ex) when (context.GetHttpContext() is { } http && !http.Response.HasStarted)
        {
            // A body the server refused to read: the caller's mistake, in its own status.
            await RequestBody.Refused(http.Request, ex.StatusCode).ExecuteAsync(http);
        }
        catch (Exception ex) when (StorageOutage.IsStorageUnreachable(ex) && context.GetHttpContext() is { } http && !http.Response.HasStarted)
        {
            await StorageOutage.Answer().ExecuteAsync(http);
        }
    }
}
