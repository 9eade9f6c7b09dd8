using CodeUpdates.Functions.WebApp;
using CodeUpdates.Ingestion.Http;
using CodeUpdates.Ingestion.Search;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace CodeUpdates.Functions;

/// <summary>Code search as of a date, from the in-memory versions: the web app's search and any client's.</summary>
public sealed class SearchFunctions(CodeFinder finder)
{
    [Function("SearchCodes")]
    public async Task<IResult> Search(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/codes/{system}")] HttpRequest request,
        string system,
        CancellationToken cancellationToken)
    {
        var query = request.Query;
        var (page, error) = await finder.SearchAsync(system, query["q"], query["date"], query["status"], query["offset"], query["count"], cancellationToken);
        return page is null ? ApiResults.BadRequest(error!) : Results.Json(page, ApiResults.Json);
    }
}
