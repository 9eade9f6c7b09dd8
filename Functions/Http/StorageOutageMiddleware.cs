using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace CodeUpdates.Functions.Http;

/// <summary>The Functions worker's side of <see cref="StorageOutage"/>: an HTTP function that fails for want of storage answers 503 with Retry-After.</summary>
public sealed class StorageOutageMiddleware : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception ex) when (StorageOutage.IsStorageUnreachable(ex) && context.GetHttpContext() is { } http && !http.Response.HasStarted)
        {
            await StorageOutage.Answer().ExecuteAsync(http);
        }
    }
}
