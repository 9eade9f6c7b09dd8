using CodeUpdates.Ingestion.Access;
using CodeUpdates.Ingestion.Answers;
using CodeUpdates.Functions.Access;
using CodeUpdates.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;

namespace CodeUpdates.Functions;

/// <summary>Who the caller is, for the web app: any signed-in caller may ask, with or without a role.</summary>
public sealed class SignInFunctions
{
    [Function("GetMe")]
    [Requires(Clearance.SignedIn)]
    public JsonHttpResult<WhoAmI> Me([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ApiRoutes.Me)] HttpRequest request)
    {
        var caller = AccessGate.CallerOf(request.HttpContext)
            ?? throw new InvalidOperationException("GetMe ran without the access gate admitting a caller");

        // Per person: no shared cache may keep it.
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return TypedResults.Json(WhoAmI.Of(caller), WebJson.Options);
    }
}
