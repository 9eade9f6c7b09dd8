using Hl7.Fhir.Model;

namespace CodeUpdates.Ingestion.Fhir;

/// <summary>
/// <c>POST [base]</c> with a <c>batch</c> Bundle: a claim's lines checked in one call. Each entry is a GET (or a POST
/// with a Parameters resource) of CodeSystem/$validate-code, ValueSet/$validate-code or CodeSystem/$lookup, answered
/// as that operation answers alone; an entry that cannot be answered fails alone, with its own status and outcome.
/// </summary>
internal sealed class BatchOperation(LookupOperation lookup, ValidateCodeOperation validateCode)
{
    /// <summary>The entries answered in one batch: a claim's lines, with room to spare.</summary>
    public const int MaxEntries = 1000;

    private const string Offered = "GET CodeSystem/$validate-code, ValueSet/$validate-code or CodeSystem/$lookup";

    public async Task<FhirAnswer> RunAsync(Bundle bundle, string baseUrl, CancellationToken cancellationToken)
    {
        if (bundle.Type != Bundle.BundleType.Batch)
        {
            var type = bundle.Type?.ToString().ToLowerInvariant() ?? "without a type";
            return FhirAnswer.Invalid($"the Bundle is {type}; send type batch (transactions are not offered: every entry only reads)");
        }

        if (bundle.Entry.Count > MaxEntries)
        {
            return FhirAnswer.Error(413, OperationOutcome.IssueType.TooCostly, $"the batch has {bundle.Entry.Count} entries; at most {MaxEntries} are answered in one batch: split it");
        }

        var response = new Bundle { Type = Bundle.BundleType.BatchResponse };
        foreach (var entry in bundle.Entry)
        {
            var answer = await AnswerAsync(entry, baseUrl, cancellationToken);
            response.Entry.Add(answer.Status < 400
                ? new Bundle.EntryComponent { Resource = answer.Resource, Response = new Bundle.ResponseComponent { Status = Status(answer.Status) } }
                : new Bundle.EntryComponent { Response = new Bundle.ResponseComponent { Status = Status(answer.Status), Outcome = answer.Resource } });
        }

        return FhirAnswer.Ok(response);
    }

    private async Task<FhirAnswer> AnswerAsync(Bundle.EntryComponent entry, string baseUrl, CancellationToken cancellationToken)
    {
        if (entry.Request is not { Url: { Length: > 0 } url } request)
        {
            return FhirAnswer.Invalid($"the entry has no request.url: each entry is a {Offered}");
        }

        var parameters = entry.Resource as Parameters;
        if (!(request.Method == Bundle.HTTPVerb.GET || (request.Method == Bundle.HTTPVerb.POST && (entry.Resource is null || parameters is not null))))
        {
            return FhirAnswer.Error(405, OperationOutcome.IssueType.NotSupported, $"{request.Method} {url} is not offered in a batch: each entry is a {Offered} (or a POST with a Parameters resource)");
        }

        var (path, query) = Split(url, baseUrl);
        var input = OperationInput.From(parameters, query);
        return path switch
        {
            "CodeSystem/$validate-code" => await validateCode.RunAsync(input, valueSet: false, cancellationToken),
            "ValueSet/$validate-code" => await validateCode.RunAsync(input, valueSet: true, cancellationToken),
            "CodeSystem/$lookup" => await lookup.RunAsync(input, cancellationToken),
            _ => FhirAnswer.Error(400, OperationOutcome.IssueType.NotSupported, $"{url} is not offered in a batch: each entry is a {Offered}"),
        };
    }

    /// <summary>The entry's path relative to the FHIR base (an absolute URL under it is taken too), and its query decoded.</summary>
    private static (string Path, List<KeyValuePair<string, string?>> Query) Split(string url, string baseUrl)
    {
        var root = baseUrl.TrimEnd('/') + "/";
        if (url.StartsWith(root, StringComparison.OrdinalIgnoreCase))
        {
            url = url[root.Length..];
        }

        var mark = url.IndexOf('?');
        var path = (mark < 0 ? url : url[..mark]).Trim('/');
        var query = new List<KeyValuePair<string, string?>>();
        if (mark >= 0)
        {
            foreach (var pair in url[(mark + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = pair.IndexOf('=');
                var name = Decode(equals < 0 ? pair : pair[..equals]);
                query.Add(new(name, equals < 0 ? string.Empty : Decode(pair[(equals + 1)..])));
            }
        }

        return (path, query);
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

    private static string Status(int status) => status switch
    {
        200 => "200 OK",
        400 => "400 Bad Request",
        404 => "404 Not Found",
        405 => "405 Method Not Allowed",
        _ => status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
