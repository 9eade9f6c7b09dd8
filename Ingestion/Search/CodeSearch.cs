using System.Runtime.CompilerServices;
using CodeUpdates.Ingestion.Lookup;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Versions;

namespace CodeUpdates.Ingestion.Search;

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

    // Searches are CPU-bound and one can take a whole core: at most this many run at once, the others wait
    // without holding a thread, so lookups always find a core (one is left free when there is more than one).
    private static readonly SemaphoreSlim Running = new(Math.Max(1, Environment.ProcessorCount - 1));

    /// <summary>Runs the search when a slot is free (see <see cref="Running"/>).</summary>
    public static async Task<CodeSearchResult> RunAsync(IVersionIndex index, CodeSearchQuery query, CancellationToken cancellationToken)
    {
        await Running.WaitAsync(cancellationToken);
        try
        {
            return Run(index, query);
        }
        finally
        {
            Running.Release();
        }
    }

    /// <exception cref="ArgumentException">The text is over the bound of <see cref="CodeSearchQuery.AcceptsText"/>.</exception>
    public static CodeSearchResult Run(IVersionIndex index, CodeSearchQuery query)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(query.Offset);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Count);
        if (!CodeSearchQuery.AcceptsText(query.Text, out var error))
        {
            throw new ArgumentException(error, nameof(query));
        }

        var codes = Prepared.GetValue(index.Codes(query.System), Prepare);
        var text = query.Text?.Trim() ?? string.Empty;
        var codePrefix = text.ToUpperInvariant();
        var words = QueryWords(text);
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

    /// <summary>
    /// The query's distinct words, longest first: a word that begins another query word is dropped (the text word
    /// that starts with the longer one starts with it too), and the longest, rarest words rule most codes out first.
    /// </summary>
    private static string[] QueryWords(string text)
    {
        var words = Words(text).Distinct(StringComparer.Ordinal).OrderByDescending(w => w.Length).ThenBy(w => w, StringComparer.Ordinal).ToArray();
        return words.Where(w => !words.Any(longer => longer.Length > w.Length && longer.StartsWith(w, StringComparison.Ordinal))).ToArray();
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
