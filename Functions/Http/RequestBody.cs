using CodeUpdates.Ingestion.Fhir;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using OperationOutcome = Hl7.Fhir.Model.OperationOutcome;

namespace CodeUpdates.Functions.Http;

/// <summary>
/// The one bound on a request body, for every route that reads one, in both hosts: a body is read into memory
/// up to <see cref="MaxBytes"/> and a longer one is answered 413 (problem details, or an OperationOutcome under
/// the FHIR base). <c>serve</c> gives Kestrel the same number, so a body it stops is answered the same way.
/// </summary>
public static class RequestBody
{
    /// <summary>1 MiB: a batch of 1,000 lookups is about 70 KB, a FHIR Parameters a few KB.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>The body, or null when it is longer than <see cref="MaxBytes"/> (said by Content-Length, or found while reading).</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            return null;
        }

        using var copy = new MemoryStream();
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                if (copy.Length + read > MaxBytes)
                {
                    return null;
                }

                copy.Write(buffer, 0, read);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // The server in front stopped it first (a host whose own limit is lower).
            return null;
        }

        return copy.ToArray();
    }

    /// <summary>The 413 for a body over the bound, in the error form of the route.</summary>
    public static IResult TooLarge(HttpRequest request) => Refused(request, StatusCodes.Status413PayloadTooLarge);

    /// <summary>
    /// The answer to a request the server refused to read (Kestrel's <see cref="BadHttpRequestException"/>: a body
    /// too large, a broken chunk), with its status: the caller's mistake, never a storage outage.
    /// </summary>
    public static IResult Refused(HttpRequest request, int status)
    {
        var (title, detail) = Words(status);
        return FhirHttp.IsFhirPath(request.Path)
            ? FhirHttp.Respond(request, FhirAnswer.Error(status, status == StatusCodes.Status413PayloadTooLarge ? OperationOutcome.IssueType.TooLong : OperationOutcome.IssueType.Structure, detail))
            : HttpAnswers.Problem(status, title, detail);
    }

    /// <summary>The refusal as problem details, for the JSON API.</summary>
    public static ProblemHttpResult Problem(int status)
    {
        var (title, detail) = Words(status);
        return HttpAnswers.Problem(status, title, detail);
    }

    private static (string Title, string Detail) Words(int status) => status == StatusCodes.Status413PayloadTooLarge
        ? ("Request body too large", $"this service reads request bodies of at most {MaxBytes.ToString(CultureInfo.InvariantCulture)} bytes (1 MiB); send less per request")
        : ("Bad request", "the request could not be read as HTTP (a body shorter than its length, a broken chunk)");
}
