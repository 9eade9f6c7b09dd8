using CodeUpdates.Ingestion.Http;
using CodeUpdates.Ingestion.Reports;
using CodeUpdates.Ingestion.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CodeUpdates.Functions;

/// <summary>What was loaded, what was rejected and why, and each release's changes.</summary>
public sealed class ReleaseFunctions(ReleaseStore releases, IReleaseChangesSource changes)
{
    [Function("ListReleases")]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "releases")] HttpRequest request,
        CancellationToken cancellationToken) =>
        new ResultAction(await ReleaseEndpoints.ListAsync(releases, request.Query["system"], request.Headers.IfNoneMatch, cancellationToken));

    [Function("GetReleaseChanges")]
    public async Task<IActionResult> Changes(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "releases/{system}/{effective}/changes")] HttpRequest request,
        string system,
        string effective,
        CancellationToken cancellationToken) =>
        new ResultAction(await ReleaseEndpoints.ChangesAsync(
            changes, system, effective, request.Query["format"], request.Headers.IfNoneMatch, cancellationToken));
}
