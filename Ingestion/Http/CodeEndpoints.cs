using CodeUpdates.Ingestion.Lookup;
using CodeUpdates.Ingestion.Releases;
using Microsoft.AspNetCore.Http;

namespace CodeUpdates.Ingestion.Http;

/// <summary>The lookup endpoints: a code on a date, a code's history, a batch of claim lines.</summary>
public static class CodeEndpoints
{
    public const int MaxBatchItems = 1000;

    /// <summary><c>GET /api/codes/{system}/{code}?date=yyyy-MM-dd</c></summary>
    public static async Task<IResult> GetCodeAsync(
        IVersionSource cache, TimeProvider time, string system, string code, string? date, string? ifNoneMatch, CancellationToken cancellationToken)
    {
        if (!RequestValues.TrySystem(system, out var codeSystem, out var error)
            || !RequestValues.TryCode(code, out var normalized, out error)
            || !RequestValues.TryDate(date, Today(time), out var day, out error))
        {
            return ApiResults.BadRequest(error);
        }

        var index = await cache.GetAsync(cancellationToken);
        var versions = index.Find(codeSystem, normalized);
        if (versions is null)
        {
            return ApiResults.NotFound($"{codeSystem.Name()} code {normalized} is in no loaded release");
        }

        var etag = ApiResults.ETag(index.Tag(codeSystem), normalized, IsoDate.Format(day));
        return ApiResults.JsonWithETag(CodeAnswer.From(versions, day), etag, ifNoneMatch);
    }

    /// <summary><c>GET /api/codes/{system}/{code}/history</c>: every version, oldest first.</summary>
    public static async Task<IResult> GetHistoryAsync(
        IVersionSource cache, string system, string code, string? ifNoneMatch, CancellationToken cancellationToken)
    {
        if (!RequestValues.TrySystem(system, out var codeSystem, out var error) || !RequestValues.TryCode(code, out var normalized, out error))
        {
            return ApiResults.BadRequest(error);
        }

        var index = await cache.GetAsync(cancellationToken);
        var versions = index.Find(codeSystem, normalized);
        return versions is null
            ? ApiResults.NotFound($"{codeSystem.Name()} code {normalized} is in no loaded release")
            : ApiResults.JsonWithETag(CodeHistory.From(versions), ApiResults.ETag(index.Tag(codeSystem), normalized, "history"), ifNoneMatch);
    }

    /// <summary><c>POST /api/codes/lookup</c> with up to 1,000 claim lines; results in the same order.</summary>
    public static async Task<IResult> LookupAsync(IVersionSource cache, TimeProvider time, LookupRequest? request, CancellationToken cancellationToken)
    {
        if (request?.Items is null)
        {
            return ApiResults.BadRequest("the body must be { \"items\": [ { \"system\": \"hcpcs\", \"code\": \"E0114\", \"date\": \"2025-03-01\" } ] }");
        }

        if (request.Items.Count > MaxBatchItems)
        {
            return ApiResults.BadRequest($"{request.Items.Count} items; send at most {MaxBatchItems} in one request");
        }

        var index = await cache.GetAsync(cancellationToken);
        var today = Today(time);
        var results = new object[request.Items.Count];
        for (var i = 0; i < results.Length; i++)
        {
            results[i] = Answer(index, today, request.Items[i]);
        }

        return Results.Json(new LookupResponse(results), ApiResults.Json);
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

    private static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
}

public sealed record LookupItem(string? System, string? Code, string? Date);

public sealed record LookupRequest(IReadOnlyList<LookupItem?>? Items);

public sealed record LookupResponse(IReadOnlyList<object> Results);

/// <summary>A batch line whose code is unknown or malformed.</summary>
public sealed record NotFoundAnswer(string? System, string? Code, string? Date, string? Error)
{
    public bool Found => false;
}
