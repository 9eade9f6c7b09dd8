using CodeUpdates.Ingestion.Answers;
using CodeUpdates.Ingestion.Lookup;
using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;

namespace CodeUpdates.Functions;

/// <summary>What was loaded, what was rejected and why, and each release's changes.</summary>
public sealed class ReleaseFunctions(ReleaseCatalog catalog)
{
    [Function("ListReleases")]
    public async Task<Results<JsonHttpResult<ReleaseList>, StatusCodeHttpResult, ProblemHttpResult>> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ApiRoutes.Releases)] HttpRequest request,
        CancellationToken cancellationToken) =>
        HttpAnswers.Json(request, await catalog.ListAsync(request.Query["system"], cancellationToken));

    [Function("GetReleaseChanges")]
    public async Task<Results<FileContentHttpResult, StatusCodeHttpResult, ProblemHttpResult>> Changes(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ApiRoutes.ReleaseChanges)] HttpRequest request,
        string system,
        string effective,
        CancellationToken cancellationToken) =>
        await HttpAnswers.FileAsync(
            request,
            KnownAtValue.TryParse(request.Query["knownAt"], out var knownAt, out var error)
                ? await catalog.ChangesAsync(system, effective, request.Query["format"], knownAt, cancellationToken)
                : Refusal.Invalid(error),
            catalog.FileAsync,
            cancellationToken);

    [Function("GetSupersededReleaseChanges")]
    public async Task<Results<FileContentHttpResult, StatusCodeHttpResult, ProblemHttpResult>> SupersededChanges(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ApiRoutes.SupersededReleaseChanges)] HttpRequest request,
        string system,
        string effective,
        string sha256,
        CancellationToken cancellationToken) =>
        await HttpAnswers.FileAsync(request, ReleaseCatalog.SupersededChanges(system, effective, sha256, request.Query["format"]), catalog.SupersededFileAsync, cancellationToken);
}
