using CodeUpdates.Ingestion.Access;
using CodeUpdates.Functions.Access;
using CodeUpdates.Functions.WebApp;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace CodeUpdates.Functions;

/// <summary>
/// The web app for coders and admins at the site root: every page's address answers the same HTML shell
/// (its modules draw the page from the address and the JSON API), and /assets serves the shipped files.
/// Any signed-in caller gets the pages; the data behind them asks the API's own roles, and a page says in
/// words when the caller lacks one.
/// </summary>
[Requires(Clearance.SignedIn)]
public sealed class WebAppFunctions
{
    [Function("WebHome")]
    public IResult Home([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = WebRoutes.Home)] HttpRequest request) => Shell();

    [Function("WebSearch")]
    public IResult Search([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = WebRoutes.Search)] HttpRequest request) => Shell();

    [Function("WebCode")]
    public IResult Code([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = WebRoutes.Code)] HttpRequest request) => Shell();

    [Function("WebReleases")]
    public IResult Releases([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = WebRoutes.Releases)] HttpRequest request) => Shell();

    [Function("WebRelease")]
    public IResult Release([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = WebRoutes.Release)] HttpRequest request) => Shell();

    [Function("WebSubscribers")]
    public IResult Subscribers([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = WebRoutes.Subscribers)] HttpRequest request) => Shell();

    [Function("WebChanges")]
    public IResult Changes([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = WebRoutes.Changes)] HttpRequest request) => Shell();

    [Function("WebAsset")]
    public IResult Asset([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = WebRoutes.Asset)] HttpRequest request, string? path) =>
        WebAssets.Asset(path) is { } asset ? new WebAssetResult(asset) : Results.NotFound();

    private static WebAssetResult Shell() => new(WebAssets.Shell);
}
