using CodeUpdates.Ingestion.Search;
using CodeUpdates.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;

namespace CodeUpdates.Functions;

/// <summary>Code search as of a date, from the in-memory versions: the web app's search and any client's.</summary>
public sealed class SearchFunctions(CodeFinder finder)
{
    [Function("SearchCodes")]
    public async Task<Results<JsonHttpResult<CodeSearchPage>, StatusCodeHttpResult, ProblemHttpResult>> Search(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ApiRoutes.CodeSearch)] HttpRequest request,
        string system,
        CancellationToken cancellationToken)
    {
        var query = request.Query;
        return HttpAnswers.Json(request, await finder.SearchAsync(
            system, query["q"], query["date"], query["status"], query["offset"], query["count"], query["knownAt"], cancellationToken));
    }
}
