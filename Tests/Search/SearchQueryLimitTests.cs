using CodeUpdates.Ingestion.Answers;
using CodeUpdates.Ingestion.Fhir;
using CodeUpdates.Ingestion.Search;
using CodeUpdates.Tests.Fhir;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace CodeUpdates.Tests.Search;

/// <summary>The bound on a search's text, the same for the JSON search and FHIR <c>$expand</c>'s filter, over the real CMS versions.</summary>
public sealed class SearchQueryLimitTests(CmsVersions cms) : IClassFixture<CmsVersions>
{
    // The issue's query: 3,900 one-letter words.
    private static readonly string ManyWords = string.Join(' ', Enumerable.Range(0, 3900).Select(i => (char)('a' + (i % 26))));

    private CodeFinder Finder => new(cms, TimeProvider.System);

    private FhirTerminology Terminology => new(cms, cms, TimeProvider.System);

    [Fact]
    public async Task The_issues_query_of_thousands_of_words_is_refused_by_the_search_and_by_expand()
    {
        var search = await Finder.SearchAsync("hcpcs", ManyWords, "2019-06-01", null, null, null, default);
        var expand = await Expand(ManyWords);

        Assert.False(search.Found, $"the search answered {search.Value?.Total} codes");
        Assert.Equal(RefusalKind.Invalid, search.Refusal.Kind);
        Assert.Equal(400, expand.Status);
        Assert.Equal(search.Refusal.Detail, Diagnostics(expand));
    }

    [Fact]
    public async Task Too_many_words_are_refused_by_the_search_and_by_expand_naming_the_limit()
    {
        var seventeen = string.Join(' ', Enumerable.Range(0, CodeSearchQuery.MaxWords + 1).Select(i => (char)('a' + i)));

        var search = await Finder.SearchAsync("hcpcs", seventeen, "2019-06-01", null, null, null, default);
        var expand = await Expand(seventeen);

        Assert.False(search.Found, $"the search answered {search.Value?.Total} codes");
        Assert.Equal(RefusalKind.Invalid, search.Refusal.Kind);
        Assert.Contains($"at most {CodeSearchQuery.MaxWords} words", search.Refusal.Detail, StringComparison.Ordinal);
        Assert.Equal(400, expand.Status);
        Assert.Equal(search.Refusal.Detail, Diagnostics(expand));
    }

    [Fact]
    public async Task Too_long_a_text_is_refused_by_the_search_and_by_expand_naming_the_limit()
    {
        var longText = new string('x', CodeSearchQuery.MaxLength + 1);

        var search = await Finder.SearchAsync("hcpcs", longText, "2019-06-01", null, null, null, default);
        var expand = await Expand(longText);

        Assert.False(search.Found, $"the search answered {search.Value?.Total} codes");
        Assert.Contains($"at most {CodeSearchQuery.MaxLength} characters", search.Refusal.Detail, StringComparison.Ordinal);
        Assert.Equal(400, expand.Status);
        Assert.Equal(search.Refusal.Detail, Diagnostics(expand));
    }

    [Fact]
    public async Task A_query_at_the_limits_is_answered_and_repeated_words_match_as_one()
    {
        var sixteen = string.Join(' ', Enumerable.Repeat("wheelchair", CodeSearchQuery.MaxWords));

        var search = await Finder.SearchAsync("hcpcs", sixteen, "2019-06-01", null, null, null, default);
        var once = await Finder.SearchAsync("hcpcs", "wheelchair", "2019-06-01", null, null, null, default);
        var expand = await Expand(sixteen);

        Assert.True(search.Found, search.Refusal?.Detail);
        Assert.True(search.Value.Total > 100, $"{search.Value.Total} codes");
        Assert.Equal(once.Value!.Total, search.Value.Total);
        Assert.Equal(200, expand.Status);
    }

    private Task<FhirAnswer> Expand(string filter) => Terminology.ExpandAsync(
        OperationInput.FromQuery([
            new("url", FhirCodeSystems.HcpcsUrl + FhirCodeSystems.AllCodesSuffix),
            new("filter", filter),
            new("date", "2019-06-01"),
        ]),
        default);

    private static string? Diagnostics(FhirAnswer answer) => Assert.IsType<OperationOutcome>(answer.Resource).Issue.Single().Diagnostics;
}
