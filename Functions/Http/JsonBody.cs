using CodeUpdates.Ingestion.Answers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CodeUpdates.Functions.Http;

/// <summary>Reads a request's JSON body, the one way every function does: <see cref="WebJson.Options"/>, problems for what cannot be read.</summary>
public static class JsonBody
{
    /// <summary>
    /// The body as <typeparamref name="T"/> (null for an empty JSON <c>null</c>), or the problem to answer:
    /// 415 when the request does not say it sends JSON, 406 when Accept refuses the JSON answer, 413 when it is longer than <see cref="RequestBody.MaxBytes"/>,
    /// 400 when the body is not JSON of that shape.
    /// </summary>
    /// <param name="example">The shape expected, quoted in the problem so the caller can fix the request.</param>
    public static async Task<(T? Body, ProblemHttpResult? Problem)> ReadAsync<T>(HttpRequest request, string example, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, HttpAnswers.Problem(
                StatusCodes.Status415UnsupportedMediaType,
                "Unsupported media type",
                $"send the body as JSON with 'Content-Type: application/json' (this request says '{request.ContentType}'): {example}"));
        }

        // Every route that reads a JSON body answers JSON: a caller who refuses it is told so before anything is written.
        if (HttpAnswers.NotAcceptable(request, "application/json") is { } refused)
        {
            return (null, refused);
        }

        if (await RequestBody.ReadAsync(request, cancellationToken) is not { } body)
        {
            return (null, RequestBody.Problem(StatusCodes.Status413PayloadTooLarge));
        }

        try
        {
            return (JsonSerializer.Deserialize<T>(body, WebJson.Options), null);
        }
        catch (JsonException ex)
        {
            return (null, HttpAnswers.Problem(StatusCodes.Status400BadRequest, "Invalid body", $"expected {example}: {ex.Message}"));
        }
    }
}
