using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json.Serialization;
using CodeUpdates.Ingestion.Answers;
using CodeUpdates.Ingestion.Lookup;
using CodeUpdates.Ingestion.ReleaseFiles;

namespace CodeUpdates.Ingestion.Search;

/// <summary>
/// The body of <c>GET /api/codes/{system}?q=&amp;date=&amp;status=&amp;offset=&amp;count=</c>: one page of the
/// matches, each answered as a lookup of that code on the date, and how many matched in all.
/// </summary>
public sealed record CodeSearchPage(
    string System, string Q, DateOnly Date, string Status, int Offset, int Count, int Total, IReadOnlyList<CodeAnswer> Items)
{
    /// <summary>The instant asked about, when the matches are those the system held then.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? KnownAt { get; init; }

    /// <summary>With <see cref="KnownAt"/>: when the release the system answered from at that instant was published.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? KnownAsOf { get; init; }

    public static CodeSearchPage From(CodeSearchQuery query, CodeSearchResult result) => new(
        query.System.Name(),
        query.Text ?? string.Empty,
        query.Date,
        StatusName(query.Status),
        query.Offset,
        query.Count,
        result.Total,
        result.Matches.Select(m => CodeAnswer.From(m, query.Date)).ToArray());

    public static string StatusName(SearchStatus status) => status == SearchStatus.Any ? "any" : "valid";

    /// <summary>Reads a search's query values as sent; absent values take the defaults (today, valid, the first 50).</summary>
    public static bool TryParseQuery(
        string? system,
        string? q,
        string? date,
        string? status,
        string? offset,
        string? count,
        DateOnly today,
        [NotNullWhen(true)] out CodeSearchQuery? query,
        [NotNullWhen(false)] out string? error)
    {
        query = null;
        if (!RequestValues.TrySystem(system, out var codeSystem, out error) || !RequestValues.TryDate(date, today, out var day, out error))
        {
            return false;
        }

        SearchStatus searchStatus;
        switch (string.IsNullOrWhiteSpace(status) ? "valid" : status.Trim().ToLowerInvariant())
        {
            case "valid": searchStatus = SearchStatus.Valid; break;
            case "any": searchStatus = SearchStatus.Any; break;
            default:
                error = $"status '{status}' is not offered: use valid (codes valid on the date, the default) or any";
                return false;
        }

        if (!TryNumber(offset, "offset", 0, int.MaxValue, 0, out var from, out error)
            || !TryNumber(count, "count", 0, CodeSearchQuery.MaxCount, CodeSearchQuery.DefaultCount, out var take, out error))
        {
            return false;
        }

        var text = q?.Trim() ?? string.Empty;
        if (!CodeSearchQuery.AcceptsText(text, out error))
        {
            return false;
        }

        query = new CodeSearchQuery(codeSystem, text, day, searchStatus, from, take);
        return true;
    }

    private static bool TryNumber(string? value, string name, int min, int max, int absent, out int number, [NotNullWhen(false)] out string? error)
    {
        error = null;
        number = absent;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number >= min && number <= max)
        {
            return true;
        }

        error = $"{name} '{value}' is not a whole number from {min} to {max}";
        return false;
    }
}
