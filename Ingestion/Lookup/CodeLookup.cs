using CodeUpdates.Ingestion.Answers;
using CodeUpdates.Ingestion.ReleaseFiles;

namespace CodeUpdates.Ingestion.Lookup;

/// <summary>The lookups of the API: a code on a date, a code's history, a batch of claim lines.</summary>
public sealed class CodeLookup(IVersionSource versions, TimeProvider time)
{
    public const int MaxBatchItems = 1000;

    /// <summary>The code on the date (today, UTC, when absent); tagged by the system's versions, the code and the date.</summary>
    public async Task<Answer<CodeAnswer>> AnswerAsync(string? system, string? code, string? date, CancellationToken cancellationToken)
    {
        if (!RequestValues.TrySystem(system, out var codeSystem, out var error)
            || !RequestValues.TryCode(code, out var normalized, out error)
            || !RequestValues.TryDate(date, time.Today(), out var day, out error))
        {
            return Refusal.Invalid(error);
        }

        var index = await versions.GetAsync(cancellationToken);
        return index.Find(codeSystem, normalized) is { } found
            ? Answer<CodeAnswer>.Of(CodeAnswer.From(found, day), ContentTag.Of(index.Tag(codeSystem), normalized, IsoDate.Format(day)))
            : NeverSeen(codeSystem, normalized);
    }

    /// <summary>Every version of the code, oldest first.</summary>
    public async Task<Answer<CodeHistory>> HistoryAsync(string? system, string? code, CancellationToken cancellationToken)
    {
        if (!RequestValues.TrySystem(system, out var codeSystem, out var error) || !RequestValues.TryCode(code, out var normalized, out error))
        {
            return Refusal.Invalid(error);
        }

        var index = await versions.GetAsync(cancellationToken);
        return index.Find(codeSystem, normalized) is { } found
            ? Answer<CodeHistory>.Of(CodeHistory.From(found), ContentTag.Of(index.Tag(codeSystem), normalized, "history"))
            : NeverSeen(codeSystem, normalized);
    }

    /// <summary>Up to <see cref="MaxBatchItems"/> claim lines, answered in order; a bad or unknown line answers <c>found: false</c>.</summary>
    public async Task<Answer<LookupResponse>> LookupAsync(LookupRequest? request, CancellationToken cancellationToken)
    {
        if (request?.Items is null)
        {
            return Refusal.Invalid("the body must be " + LookupRequest.Example);
        }

        if (request.Items.Count > MaxBatchItems)
        {
            return Refusal.Invalid($"{request.Items.Count} items; send at most {MaxBatchItems} in one request");
        }

        var index = await versions.GetAsync(cancellationToken);
        var today = time.Today();
        var results = new object[request.Items.Count];
        for (var i = 0; i < results.Length; i++)
        {
            results[i] = Answer(index, today, request.Items[i]);
        }

        return Answer<LookupResponse>.Of(new LookupResponse(results));
    }

    private static object Answer(IVersionIndex index, DateOnly today, LookupItem? item)
    {
        if (item is null)
        {
            return new NotFoundAnswer(null, null, null, "empty item");
        }

        if (!RequestValues.TrySystem(item.System, out var system, out var error)
            || !RequestValues.TryCode(item.Code, out var code, out error)
            || !RequestValues.TryDate(item.Date, today, out var date, out error))
        {
            return new NotFoundAnswer(item.System, item.Code, item.Date, error);
        }

        var versions = index.Find(system, code);
        return versions is null
            ? new NotFoundAnswer(system.Name(), code, IsoDate.Format(date), "in no loaded release")
            : CodeAnswer.From(versions, date);
    }

    private static Refusal NeverSeen(CodeSystem system, string code) =>
        Refusal.NotFound($"{system.Name()} code {code} is in no loaded release");
}
