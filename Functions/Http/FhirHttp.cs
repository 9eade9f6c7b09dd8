using CodeUpdates.Ingestion.Fhir;
using Microsoft.AspNetCore.Http;
using Bundle = Hl7.Fhir.Model.Bundle;
using OperationOutcome = Hl7.Fhir.Model.OperationOutcome;

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

        var (body, tooLarge) = await ReadTextAsync(request, cancellationToken);
        if (tooLarge is not null)
        {
            return (null, tooLarge);
        }

        return FhirWire.TryReadParameters(body!, request.ContentType, out var parameters, out var error)
            ? (OperationInput.From(parameters, query), null)
            : (null, Respond(request, error));
    }

    /// <summary>A POSTed Bundle, under the same body bound (413) and nesting bound as a Parameters body.</summary>
    public static async Task<(Bundle? Bundle, IResult? Error)> ReadBundleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (body, tooLarge) = await ReadTextAsync(request, cancellationToken);
        if (tooLarge is not null)
        {
            return (null, tooLarge);
        }

        return FhirWire.TryReadBundle(body!, request.ContentType, out var bundle, out var error)
            ? (bundle, null)
            : (null, Respond(request, error));
    }

    private static async Task<(string? Body, IResult? TooLarge)> ReadTextAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (await RequestBody.ReadAsync(request, cancellationToken) is not { } bytes)
        {
            return (null, RequestBody.TooLarge(request));
        }

        // As StreamReader would: UTF-8 unless the body starts with another encoding's byte order mark.
        using var reader = new StreamReader(new MemoryStream(bytes));
        return (await reader.ReadToEndAsync(cancellationToken), null);
    }

    /// <summary>
    /// The answer as application/fhir+json, or XML when <c>_format</c> or Accept asks for it (<see cref="FhirWire.Negotiate"/>).
    /// When Accept refuses both, an answer is 406; an error goes out as JSON all the same (RFC 9110 allows it), so
    /// that the caller learns what went wrong.
    /// </summary>
    public static IResult Respond(HttpRequest request, FhirAnswer answer)
    {
        var format = FhirWire.Negotiate(request.Query["_format"], request.Headers.Accept);
        if (format is null && answer.Status < StatusCodes.Status400BadRequest)
        {
            answer = FhirAnswer.Error(
                StatusCodes.Status406NotAcceptable,
                OperationOutcome.IssueType.NotSupported,
                $"Accept '{request.Headers.Accept}' leaves no type this server answers in: {string.Join(", ", FhirWire.JsonTypes)} (JSON) or {string.Join(", ", FhirWire.XmlTypes)} (XML); or send _format");
        }

        return new BodyResult(answer.Status, FhirWire.Serialize(answer.Resource, format ?? FhirFormat.Json));
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
