using CodeUpdates.Ingestion.Lookup;

namespace CodeUpdates.Ingestion.Search;

/// <summary>The search of the API: the query values as sent, answered from the in-memory versions.</summary>
public sealed class CodeFinder(IVersionSource versions, TimeProvider time)
{
    /// <summary>One page of the codes that match, or why the query cannot be answered.</summary>
    public async Task<(CodeSearchPage? Page, string? Error)> SearchAsync(
        string? system, string? q, string? date, string? status, string? offset, string? count, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (!CodeSearchPage.TryParseQuery(system, q, date, status, offset, count, today, out var query, out var error))
        {
            return (null, error);
        }

        var index = await versions.GetAsync(cancellationToken);
        return (CodeSearchPage.From(query, CodeSearch.Run(index, query)), null);
    }
}
