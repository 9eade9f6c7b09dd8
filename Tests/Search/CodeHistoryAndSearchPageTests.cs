using CodeUpdates.Ingestion.Diff;
using CodeUpdates.Ingestion.Lookup;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Search;
using CodeUpdates.Ingestion.Versions;

namespace CodeUpdates.Tests.Search;

/// <summary>What the web app's code and search pages read from the API: marked history, search query values.</summary>
public sealed class CodeHistoryAndSearchPageTests
{
    private static readonly DateOnly Today = new(2026, 11, 27);

    [Fact]
    public void Each_later_version_of_a_history_marks_the_words_removed_and_inserted_since_the_one_before()
    {
        var history = CodeHistory.From([
            Version(new(2024, 1, 1), new(2024, 12, 31), ("long", "Invented hot water bottle, any type"), ("short", "Hot water bottle")),
            Version(new(2025, 1, 1), null, ("long", "Invented cold or hot fluid bottle, any type"), ("short", "Hot water bottle"), ("consumer", "A bottle")),
        ]);

        Assert.Empty(history.Versions[0].Changes);
        var change = Assert.Single(history.Versions[1].Changes);
        Assert.Equal("long", change.Descriptor);
        Assert.Equal(
            [
                new(WordChange.Unchanged, "Invented"), new(WordChange.Inserted, "cold or"), new(WordChange.Unchanged, "hot"),
                new(WordChange.Removed, "water"), new(WordChange.Inserted, "fluid"), new(WordChange.Unchanged, "bottle, any type"),
            ],
            change.Words);
    }

    [Fact]
    public void Absent_search_values_take_the_defaults()
    {
        Assert.True(CodeSearchPage.TryParseQuery("HCPCS", null, null, null, null, null, Today, out var query, out _));

        Assert.Equal(new CodeSearchQuery(CodeSystem.Hcpcs, string.Empty, Today, SearchStatus.Valid, 0, CodeSearchQuery.DefaultCount), query);
    }

    [Fact]
    public void Given_search_values_are_read_as_sent()
    {
        Assert.True(CodeSearchPage.TryParseQuery("cpt", " office visit ", "2025-03-01", "ANY", "100", "0", Today, out var query, out _));

        Assert.Equal(new CodeSearchQuery(CodeSystem.Cpt, "office visit", new DateOnly(2025, 3, 1), SearchStatus.Any, 100, 0), query);
    }

    private static CodeVersion Version(DateOnly start, DateOnly? end, params (string Kind, string Text)[] descriptors) => new(
        CodeSystem.Hcpcs, "A9273", CodeKind.Procedure, start, end, descriptors.ToDictionary(d => d.Kind, d => d.Text), start,
        new DateOnly(2024, 1, 1), null, null, []);
}
