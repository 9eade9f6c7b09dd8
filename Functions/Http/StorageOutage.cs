using CodeUpdates.Ingestion.Fhir;
using System.Net.Sockets;
using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using OperationOutcome = Hl7.Fhir.Model.OperationOutcome;

namespace CodeUpdates.Functions.Http;

/// <summary>
/// The one rule both hosts apply to a route that needs storage while storage is unreachable: 503
/// <c>application/problem+json</c> (an OperationOutcome on FHIR routes) with <c>Retry-After</c>, instead of a 500 with an empty body.
/// Lookups never get here: they answer from memory.
/// </summary>
public static class StorageOutage
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);

    /// <summary>Whether the exception says storage could not be reached (as opposed to a refusal or a bug).</summary>
    public static bool IsStorageUnreachable(Exception exception) => exception switch
    {
        // The Azure SDK's retries give up with every attempt's failure together.
        AggregateException all => all.InnerExceptions.Count > 0 && all.InnerExceptions.All(IsStorageUnreachable),
        // Kestrel's refusal to read a request (too large, broken) is an IOException too, but the caller's doing.
        BadHttpRequestException => false,
        RequestFailedException failed => failed.Status is 0 or 500 or 502 or 503 or 504 || (failed.InnerException is { } inner && IsStorageUnreachable(inner)),
        HttpRequestException or SocketException or TimeoutException or IOException => true,
        _ => false,
    };

    /// <summary>The answer for a request that failed for want of storage.</summary>
    public static IResult Answer() => new UnavailableResult();

    private sealed class UnavailableResult : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers[HeaderNames.RetryAfter] = ((int)RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var detail = $"This route reads or writes storage, which does not answer right now; try again in {RetryAfter.TotalSeconds:0} seconds. Code lookups keep answering meanwhile.";
            var answer = FhirHttp.IsFhirPath(httpContext.Request.Path)
                ? FhirHttp.Respond(httpContext.Request, FhirAnswer.Error(StatusCodes.Status503ServiceUnavailable, OperationOutcome.IssueType.Transient, detail))
                : HttpAnswers.Problem(StatusCodes.Status503ServiceUnavailable, "Storage is unreachable", detail);
            return answer.ExecuteAsync(httpContext);
        }
    }
}
