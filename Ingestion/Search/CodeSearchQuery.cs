using System.Diagnostics.CodeAnalysis;
using CodeUpdates.Ingestion.ReleaseFiles;

namespace CodeUpdates.Ingestion.Search;

/// <summary>A code search as of one date (DESIGN.md "Search").</summary>
/// <param name="Text">A code prefix or words; empty or null matches every code.</param>
public sealed record CodeSearchQuery(CodeSystem System, string? Text, DateOnly Date, SearchStatus Status = SearchStatus.Valid, int Offset = 0, int Count = CodeSearchQuery.DefaultCount)
{
    public const int DefaultCount = 50;
    public const int MaxCount = 1000;

    /// <summary>The longest text a search takes, in characters.</summary>
    public const int MaxLength = 400;

    /// <summary>The most words a search takes (as written; repeated words are compared once).</summary>
    public const int MaxWords = 16;

    /// <summary>
    /// The one bound on a search's text, for the JSON search and FHIR <c>$expand</c>'s filter alike: a text
    /// of thousands of words made every search compare each of them with every code and starved lookups.
    /// </summary>
    public static bool AcceptsText(string? text, [NotNullWhen(false)] out string? error)
    {
        error = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (text.Length > MaxLength)
        {
            error = $"the search text is {text.Length} characters long: a search takes at most {MaxLength} characters";
            return false;
        }

        var words = CodeSearch.Words(text).Length;
        if (words > MaxWords)
        {
            error = $"the search text has {words} words: a search takes at most {MaxWords} words";
            return false;
        }

        return true;
    }
}
