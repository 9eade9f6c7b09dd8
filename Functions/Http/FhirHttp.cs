using CodeUpdates.Ingestion.Fhir;
using Microsoft.AspNetCore.Http;

namespace CodeUpdates.Functions.Http;

/// <summary>The HTTP side of the FHIR door: operation parameters from the query or a POSTed Parameters, and the resource in the format asked for.</summary>
public static class FhirHttp
{
    /// <summary>The operation's parameters: the query string for GET; for POST the Parameters body, plus the query.</summary>
    public static async Task<(OperationInput? Input, IResult? Error)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var query = Query(request);
        if (!HttpMethods.IsPost(request.Method))
        {
            return (OperationInput.FromQuery(query), null);
        }

        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(cancellationToken);
        return FhirWire.TryReadParameters(body, request.ContentType, out var parameters, out var error)
            ? (OperationInput.From(parameters, query), null)
            : (null, Respond(request, error));
    }

    /// <summary>The answer as application/fhir+json, or XML when <c>_format</c> or Accept asks for it.</summary>
    public static IResult Respond(HttpRequest request, FhirAnswer answer)
    {
        var body = FhirWire.Serialize(answer.Resource, FhirWire.Choose(request.Query["_format"], request.Headers.Accept));
        return new BodyResult(answer.Status, body);
    }

    /// <summary>The FHIR base this request came to, for the URLs resources carry (bundle entries, the capability statement).</summary>
    public static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}/{ApiRoutes.FhirBase}";

    /// <summary>
    /// Whether the path is under the FHIR base, where errors that both hosts write around a function (sign-in
    /// refusals, a storage outage) go out as an OperationOutcome through <see cref="Respond"/>, not as problem details.
    /// </summary>
    public static bool IsFhirPath(PathString path) => path.StartsWithSegments("/" + ApiRoutes.FhirBase, StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<KeyValuePair<string, string?>> Query(HttpRequest request) =>
        request.Query.SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)));

    /// <summary>Writes the status, the content type and the serialised resource.</summary>
    private sealed class BodyResult(int status, FhirBody body) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = status;
            response.ContentType = body.ContentType;
            response.ContentLength = body.Content.Length;
            return response.Body.WriteAsync(body.Content, httpContext.RequestAborted).AsTask();
        }
    }
}
