using CodeUpdates.Ingestion.Answers;
using CodeUpdates.Ingestion.Lookup;
using CodeUpdates.Ingestion.ReleaseFiles;

namespace CodeUpdates.Ingestion.Search;

/// <summary>The search of the API: the query values as sent, answered from the in-memory versions.</summary>
public sealed class CodeFinder(IVersionSource versions, TimeProvider time)
{
    /// <summary>One page of the codes that match, tagged by the system's versions and the query; or why the query cannot be answered.</summary>
    public async Task<Answer<CodeSearchPage>> SearchAsync(
        string? system, string? q, string? date, string? status, string? offset, string? count, CancellationToken cancellationToken)
    {
        var today = time.Today();
        if (!CodeSearchPage.TryParseQuery(system, q, date, status, offset, count, today, out var query, out var error))
        {
            return Refusal.Invalid(error);
        }

        var index = await versions.GetAsync(cancellationToken);
        var page = CodeSearchPage.From(query, await CodeSearch.RunAsync(index, query, cancellationToken));
        return Answer<CodeSearchPage>.Of(page, ContentTag.Of(
            index.Tag(query.System), "search", page.Q, IsoDate.Format(page.Date), page.Status, page.Offset.ToString(), page.Count.ToString()));
    }
}
