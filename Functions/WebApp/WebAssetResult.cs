using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace CodeUpdates.Functions.WebApp;

/// <summary>
/// Writes a web app file with the headers every page needs: a strict Content-Security-Policy (scripts,
/// styles and requests from this site only, no inline script or style, no framing), no MIME sniffing,
/// no referrer, and an ETag so a reload costs a 304.
/// </summary>
public sealed class WebAssetResult(WebAsset asset) : IResult
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    public WebAsset Asset => asset;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.XFrameOptions = "DENY";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.ETag = asset.ETag;
        response.Headers.CacheControl = "no-cache";
        if (EntityTagHeaderValue.TryParseList(httpContext.Request.Headers.IfNoneMatch, out var held)
            && held.Any(t => t.Compare(EntityTagHeaderValue.Parse(asset.ETag), useStrongComparison: false)))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = asset.ContentType;
        response.ContentLength = asset.Content.Length;
        return HttpMethods.IsHead(httpContext.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(asset.Content).AsTask();
    }
}
