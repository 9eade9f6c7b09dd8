using CodeUpdates.Ingestion.Answers;
using CodeUpdates.Ingestion.Fhir;
using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Ingestion.Spans;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace CodeUpdates.Functions.Http;

/// <summary>
/// How every HTTP function turns an Ingestion <see cref="Answer{T}"/> into its result: JSON in
/// <see cref="WebJson.Options"/>, refusals as problem details, tagged answers with a strong ETag and 304
/// when the caller already holds them. Functions return these typed results; both hosts execute them as they are.
/// </summary>
public static class HttpAnswers
{
    /// <summary>The value as JSON, 304 when the request's If-None-Match already names its tag, or the refusal.</summary>
    public static Results<JsonHttpResult<T>, StatusCodeHttpResult, ProblemHttpResult> Json<T>(HttpRequest request, Answer<T> answer)
        where T : notnull
    {
        if (!Sends(request, answer, _ => "application/json", answer.Tag, out var value, out Results<JsonHttpResult<T>, StatusCodeHttpResult, ProblemHttpResult>? instead))
        {
            return instead;
        }

        return TypedResults.Json(value, WebJson.Options);
    }

    /// <summary>Text already written in <paramref name="mediaType"/> (a document built once), 304 when If-None-Match names its tag.</summary>
    public static Results<ContentHttpResult, StatusCodeHttpResult, ProblemHttpResult> Text(HttpRequest request, Answer<string> answer, string mediaType)
    {
        if (!Sends(request, answer, _ => mediaType, answer.Tag, out var text, out Results<ContentHttpResult, StatusCodeHttpResult, ProblemHttpResult>? instead))
        {
            return instead;
        }

        return TypedResults.Text(text, mediaType + "; charset=utf-8");
    }

    /// <summary>
    /// The file the query names, 304 when the request's If-None-Match already names the query's tag (the file is then
    /// not read at all), or the refusal. No download name for inline formats.
    /// </summary>
    public static async Task<Results<FileContentHttpResult, StatusCodeHttpResult, ProblemHttpResult>> FileAsync<TQuery>(
        HttpRequest request,
        Answer<TQuery> query,
        Func<TQuery, CancellationToken, Task<Answer<ReleaseChangesFile>>> read,
        CancellationToken cancellationToken)
        where TQuery : notnull
    {
        if (!Sends(request, query, null, query.Tag, out var named, out Results<FileContentHttpResult, StatusCodeHttpResult, ProblemHttpResult>? instead))
        {
            return instead;
        }

        // The file's own answer is not tagged again: the query's tag already stands for it.
        if (!Sends(request, await read(named, cancellationToken), f => f.ContentType.Split(';')[0].Trim(), null, out var file, out instead))
        {
            return instead;
        }

        return TypedResults.File(file.Content, file.ContentType, file.FileName);
    }

    /// <summary>
    /// The answer written to the response as it is computed (<see cref="StreamedFile"/>), 406 when Accept refuses its
    /// media type, 304 when the request's If-None-Match already names its tag, or the refusal. No download name for JSON.
    /// </summary>
    public static Results<PushStreamHttpResult, StatusCodeHttpResult, ProblemHttpResult> Streamed(HttpRequest request, Answer<StreamedFile> answer)
    {
        if (!Sends(request, answer, f => f.ContentType.Split(';')[0].Trim(), answer.Tag, out var file, out Results<PushStreamHttpResult, StatusCodeHttpResult, ProblemHttpResult>? instead))
        {
            return instead;
        }

        return TypedResults.Stream(stream => file.WriteAsync(stream, request.HttpContext.RequestAborted), file.ContentType, file.FileName);
    }

    /// <summary>
    /// Whether the answer's value is to be sent; if not, <paramref name="instead"/> is what is: the refusal, 406 when
    /// Accept refuses the value's <paramref name="mediaType"/> (when the route names one here), or 304 when the
    /// request's If-None-Match already holds <paramref name="tag"/>. Checked in that order.
    /// </summary>
    private static bool Sends<T, TSent>(
        HttpRequest request,
        Answer<T> answer,
        Func<T, string>? mediaType,
        string? tag,
        [NotNullWhen(true)] out T? value,
        [NotNullWhen(false)] out Results<TSent, StatusCodeHttpResult, ProblemHttpResult>? instead)
        where T : notnull
        where TSent : IResult
    {
        value = default;
        if (!answer.Found)
        {
            instead = Problem(answer.Refusal);
            return false;
        }

        if (mediaType is not null && NotAcceptable(request, mediaType(answer.Value)) is { } refused)
        {
            instead = refused;
            return false;
        }

        if (tag is not null && Tag(request, tag))
        {
            instead = TypedResults.StatusCode(StatusCodes.Status304NotModified);
            return false;
        }

        value = answer.Value;
        instead = null;
        return true;
    }

    /// <summary>
    /// A refusal as <c>application/problem+json</c>: 400 for what is invalid, 404 for what does not exist, 413 for more
    /// than the route takes, 415 for a body in a form it cannot read.
    /// </summary>
    public static ProblemHttpResult Problem(Refusal refusal) =>
        Problem(
            refusal.Kind switch
            {
                RefusalKind.NotFound => StatusCodes.Status404NotFound,
                RefusalKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
                RefusalKind.UnsupportedMediaType => StatusCodes.Status415UnsupportedMediaType,
                _ => StatusCodes.Status400BadRequest,
            },
            refusal.Title,
            refusal.Detail);

    public static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);

    /// <summary>
    /// 406 when the request's Accept refuses <paramref name="mediaType"/> (weighed as <see cref="MediaRanges"/> reads
    /// it, <c>q=0</c> included), the only type the route answers in; null when it may be sent. Refusals are sent as
    /// problem details whatever Accept says, so that the caller learns what went wrong.
    /// </summary>
    public static ProblemHttpResult? NotAcceptable(HttpRequest request, string mediaType) =>
        MediaRanges.Parse(request.Headers.Accept.ToArray()).Quality(mediaType) > 0
            ? null
            : Problem(StatusCodes.Status406NotAcceptable, "Not acceptable", $"this route answers in {mediaType}, which Accept '{request.Headers.Accept}' refuses");

    /// <summary>
    /// Puts the answer's ETag on the response (with <c>no-cache</c>: revalidate every time, cheaply) and tells
    /// whether the request's If-None-Match already holds it (weak comparison, as RFC 9110 asks for If-None-Match).
    /// </summary>
    private static bool Tag(HttpRequest request, string tag)
    {
        request.HttpContext.Response.Headers.ETag = tag;
        request.HttpContext.Response.Headers.CacheControl = "no-cache";
        var current = EntityTagHeaderValue.Parse(tag);
        return EntityTagHeaderValue.TryParseList(request.Headers.IfNoneMatch, out var held)
            && held.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(current, useStrongComparison: false));
    }
}
