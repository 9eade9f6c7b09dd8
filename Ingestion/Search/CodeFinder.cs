using CodeUpdates.Ingestion.Answers;
using CodeUpdates.Ingestion.Lookup;
using CodeUpdates.Ingestion.ReleaseFiles;

namespace CodeUpdates.Ingestion.Search;

/// <summary>
/// The search of the API: the query values as sent, answered from the in-memory versions, or with <c>knownAt</c> from
/// the versions the system held at that instant (<see cref="KnownVersions.SystemAtAsync"/>).
/// </summary>
public sealed class CodeFinder(IVersionSource versions, KnownVersions? known, TimeProvider time)
{
    /// <summary>A search of the present only (no storage to read the past from).</summary>
    public CodeFinder(IVersionSource versions, TimeProvider time)
        : this(versions, null, time)
    {
    }

    /// <summary>One page of the codes that match, tagged by the system's versions and the query; or why the query cannot be answered.</summary>
    public Task<Answer<CodeSearchPage>> SearchAsync(
        string? system, string? q, string? date, string? status, string? offset, string? count, CancellationToken cancellationToken) =>
        SearchAsync(system, q, date, status, offset, count, null, cancellationToken);

    /// <summary>As <see cref="SearchAsync(string?, string?, string?, string?, string?, string?, CancellationToken)"/>, over what the system held at <paramref name="knownAt"/> when given.</summary>
    public async Task<Answer<CodeSearchPage>> SearchAsync(
        string? system, string? q, string? date, string? status, string? offset, string? count, string? knownAt, CancellationToken cancellationToken)
    {
        var today = time.Today();
        if (!CodeSearchPage.TryParseQuery(system, q, date, status, offset, count, today, out var query, out var error)
            || !KnownAtValue.TryParse(knownAt, out var instant, out error))
        {
            return Refusal.Invalid(error);
        }

        IVersionIndex index;
        KnownSystem? then = null;
        if (instant is { } at)
        {
            if (known is null)
            {
                return Refusal.Invalid("knownAt is not offered here: this search holds the present versions only");
            }

            then = await known.SystemAtAsync(query.System, at, cancellationToken);
            index = then?.Index ?? VersionIndex.Empty;
        }
        else
        {
            index = await versions.GetAsync(cancellationToken);
        }

        var page = CodeSearchPage.From(query, await CodeSearch.RunAsync(index, query, cancellationToken));
        if (instant is not null)
        {
            page = page with
            {
                Items = page.Items.Select(i => i with { KnownAt = instant, KnownAsOf = then?.State.KnownAsOf }).ToArray(),
                KnownAt = instant,
                KnownAsOf = then?.State.KnownAsOf,
            };
        }

        return Answer<CodeSearchPage>.Of(page, ContentTag.Of(
            index.Tag(query.System), "search", page.Q, IsoDate.Format(page.Date), page.Status, page.Offset.ToString(), page.Count.ToString()));
    }
}
