using System.Runtime.CompilerServices;
using CodeUpdates.Ingestion.Lookup;
using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Ingestion.Versions;

namespace CodeUpdates.Ingestion.Search;

/// <summary>Which codes a search returns: those valid on the date (the default) or any status.</summary>
public enum SearchStatus
{
    Valid,
    Any,
}

/// <summary>A code search as of one date (DESIGN.md "Search").</summary>
/// <param name="Text">A code prefix or words; empty or null matches every code.</param>
public sealed record CodeSearchQuery(CodeSystem System, string? Text, DateOnly Date, SearchStatus Status = SearchStatus.Valid, int Offset = 0, int Count = CodeSearchQuery.DefaultCount)
{
    public const int DefaultCount = 50;
    public const int MaxCount = 1000;
}

/// <summary>One page of matches, each the code's as-of answer on the query's date, and how many matched in all.</summary>
public sealed record CodeSearchResult(int Total, IReadOnlyList<AsOfAnswer> Matches);

/// <summary>
/// The one search rule, used by the JSON search, the web app and FHIR <c>$expand</c>. A query matches a
/// code that starts with it, or whose long or short text in force on the date has, for every word of
/// the query, a word that starts with that query word (case-folded). The exact code comes first, then
/// codes in ordinal order.
/// </summary>
public static class CodeSearch
{
    // Word lists are built once per loaded set of versions (the index hands out the same list until a
    // release is published), so a query only compares prefixes.
    private static readonly ConditionalWeakTable<IReadOnlyList<IReadOnlyList<CodeVersion>>, PreparedCode[]> Prepared = new();

    public static CodeSearchResult Run(IVersionIndex index, CodeSearchQuery query)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(query.Offset);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Count);
        var codes = Prepared.GetValue(index.Codes(query.System), Prepare);
        var text = query.Text?.Trim() ?? string.Empty;
        var codePrefix = text.ToUpperInvariant();
        var words = Words(text);
        var matchAll = text.Length == 0;
        var matches = new List<AsOfAnswer>();
        AsOfAnswer? exact = null;
        foreach (var code in codes)
        {
            // Most codes do not match: decide on the status and the words before building an answer.
            var at = AsOfAnswer.IndexAt(code.Versions, query.Date);
            if (query.Status == SearchStatus.Valid && AsOfAnswer.StatusOn(code.Versions[at], query.Date) != CodeStatus.Active)
            {
                continue;
            }

            var isCode = codePrefix.Length > 0 && code.Code.StartsWith(codePrefix, StringComparison.Ordinal);
            if (!matchAll && !isCode && !code.Words[at].Matches(words))
            {
                continue;
            }

            var answer = AsOfAnswer.At(code.Versions, at, query.Date);
            if (code.Code.Length == codePrefix.Length && isCode)
            {
                exact = answer;
                continue;
            }

            matches.Add(answer);
        }

        if (exact is not null)
        {
            matches.Insert(0, exact);
        }

        var page = matches.Skip(query.Offset).Take(Math.Min(query.Count, CodeSearchQuery.MaxCount)).ToArray();
        return new CodeSearchResult(matches.Count, page);
    }

    /// <summary>Upper-cased words: runs of letters and digits.</summary>
    internal static string[] Words(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                words.Add(text[start..i].ToUpperInvariant());
                start = -1;
            }
        }

        return words.ToArray();
    }

    private static PreparedCode[] Prepare(IReadOnlyList<IReadOnlyList<CodeVersion>> codes) =>
        codes.Select(versions => new PreparedCode(
            versions[0].Code,
            versions,
            versions.Select(v => new VersionWords(
                SortedWords(v.Descriptors.GetValueOrDefault(DescriptorKind.Long)),
                SortedWords(v.Descriptors.GetValueOrDefault(DescriptorKind.Short)))).ToArray())).ToArray();

    private static string[] SortedWords(string? text)
    {
        var words = Words(text).Distinct(StringComparer.Ordinal).ToArray();
        Array.Sort(words, StringComparer.Ordinal);
        return words;
    }

    private sealed record PreparedCode(string Code, IReadOnlyList<CodeVersion> Versions, VersionWords[] Words);

    /// <summary>A version's distinct words, sorted so a prefix is found by binary search.</summary>
    private sealed record VersionWords(string[] Long, string[] Short)
    {
        public bool Matches(string[] query) => query.Length > 0 && (HasAll(Long, query) || HasAll(Short, query));

        private static bool HasAll(string[] words, string[] query)
        {
            foreach (var q in query)
            {
                if (!HasPrefix(words, q))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool HasPrefix(string[] sorted, string prefix)
        {
            var i = Array.BinarySearch(sorted, prefix, StringComparer.Ordinal);
            if (i >= 0)
            {
                return true;
            }

            i = ~i;
            return i < sorted.Length && sorted[i].StartsWith(prefix, StringComparison.Ordinal);
        }
    }
}
