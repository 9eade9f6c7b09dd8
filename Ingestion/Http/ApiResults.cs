using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace CodeUpdates.Ingestion.Http;

/// <summary>The response conventions every endpoint shares: JSON shape, problem details, ETags.</summary>
public static class ApiResults
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IResult BadRequest(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request", detail: detail);

    public static IResult NotFound(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);

    /// <summary>A strong ETag over the given parts (for example the versions' tag, the code and the date).</summary>
    public static string ETag(params string[] parts) =>
        "\"" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts))))[..24] + "\"";

    /// <summary>304 when the client already holds this representation; otherwise the JSON body with its ETag.</summary>
    public static IResult JsonWithETag<T>(T body, string etag, string? ifNoneMatch) =>
        Matches(ifNoneMatch, etag)
            ? new TaggedResult(Results.StatusCode(StatusCodes.Status304NotModified), etag)
            : new TaggedResult(Results.Json(body, Json), etag);

    public static IResult WithETag(IResult result, string etag, string? ifNoneMatch) =>
        Matches(ifNoneMatch, etag)
            ? new TaggedResult(Results.StatusCode(StatusCodes.Status304NotModified), etag)
            : new TaggedResult(result, etag);

    private static bool Matches(string? ifNoneMatch, string etag) =>
        !string.IsNullOrEmpty(ifNoneMatch)
        && (ifNoneMatch.Trim() == "*" || ifNoneMatch.Split(',').Any(t => t.Trim().TrimStart('W', '/') == etag));

    /// <summary>Adds the ETag header, then runs the inner result.</summary>
    public sealed class TaggedResult(IResult inner, string etag) : IResult
    {
        public string ETag => etag;

        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.ETag = etag;
            httpContext.Response.Headers.CacheControl = "no-cache";
            return inner.ExecuteAsync(httpContext);
        }
    }
}
