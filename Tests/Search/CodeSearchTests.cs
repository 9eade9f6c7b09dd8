using CodeUpdates.Ingestion.Lookup;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Search;
using CodeUpdates.Ingestion.Versions;
using CodeUpdates.Tests.Support;

namespace CodeUpdates.Tests.Search;

/// <summary>The search rule (DESIGN.md "Search") over the versions of the real CMS 2018 and 2019 HCPCS releases.</summary>
public sealed class CodeSearchTests(CodeSearchTests.CmsIndex cms) : IClassFixture<CodeSearchTests.CmsIndex>
{
    private static readonly DateOnly June2019 = new(2019, 6, 1);

    [Fact]
    public void A_word_finds_only_codes_valid_on_the_date_whose_text_has_a_word_starting_with_it()
    {
        var result = Search("wheelchair", June2019);

        Assert.True(result.Total > 100, $"{result.Total} wheelchair codes");
        var all = Search("wheelchair", June2019, count: CodeSearchQuery.MaxCount).Matches;
        Assert.Equal(result.Total, all.Count);
        Assert.All(all, a =>
        {
            Assert.True(a.Valid, $"{a.Version.Code} is {a.Status} on {June2019}");
            Assert.True(HasWordStartingWith(a.Version, "WHEELCHAIR"), $"{a.Version.Code}: {Long(a.Version)}");
        });

        // Every valid code whose text has the word is found: nothing is missed.
        var expected = cms.Index.Codes(CodeSystem.Hcpcs)
            .Select(v => AsOfAnswer.For(v, June2019))
            .Where(a => a.Valid && HasWordStartingWith(a.Version, "WHEELCHAIR"))
            .Select(a => a.Version.Code);
        Assert.Equal(expected, all.Select(a => a.Version.Code));
    }

    [Fact]
    public void Every_word_of_the_query_must_start_a_word_of_the_text()
    {
        var both = Search("power wheel", June2019, count: CodeSearchQuery.MaxCount).Matches;
        var wheel = Search("wheel", June2019).Total;

        Assert.NotEmpty(both);
        Assert.True(both.Count < wheel);
        Assert.All(both, a => Assert.True(
            (HasWordStartingWith(a.Version, "POWER", DescriptorKind.Long) && HasWordStartingWith(a.Version, "WHEEL", DescriptorKind.Long))
            || (HasWordStartingWith(a.Version, "POWER", DescriptorKind.Short) && HasWordStartingWith(a.Version, "WHEEL", DescriptorKind.Short)),
            a.Version.Code));
    }

    [Fact]
    public void A_word_inside_another_word_does_not_match()
    {
        // "chair" is inside "wheelchair" but starts no word of it.
        var chair = Search("chair", June2019, count: CodeSearchQuery.MaxCount).Matches;

        Assert.All(chair, a => Assert.True(HasWordStartingWith(a.Version, "CHAIR"), a.Version.Code));
        Assert.True(chair.Count < Search("wheelchair", June2019).Total);
    }

    [Fact]
    public void A_code_prefix_lists_codes_in_order_and_the_exact_code_first()
    {
        var prefix = Search("e011", June2019, count: CodeSearchQuery.MaxCount).Matches.Select(a => a.Version.Code).ToArray();
        Assert.NotEmpty(prefix);
        Assert.All(prefix, c => Assert.StartsWith("E011", c, StringComparison.Ordinal));
        Assert.Equal(prefix.Order(StringComparer.Ordinal), prefix);

        Assert.Equal("E0114", Search("E0114", June2019).Matches[0].Version.Code);
    }

    [Fact]
    public void A_terminated_code_is_found_only_when_any_status_is_asked_for()
    {
        // C8904 ended on 2018-12-31 (CMS 2019 file).
        Assert.Equal(0, Search("C8904", June2019).Total);

        var any = Assert.Single(Search("C8904", June2019, SearchStatus.Any).Matches);
        Assert.Equal(CodeStatus.Terminated, any.Status);
        Assert.Equal(CodeStatus.Active, Assert.Single(Search("C8904", new DateOnly(2018, 6, 1)).Matches).Status);
    }

    [Fact]
    public void Pages_cover_the_whole_result_once()
    {
        var whole = Search("wheelchair", June2019, count: CodeSearchQuery.MaxCount).Matches.Select(a => a.Version.Code).ToArray();
        var paged = new List<string>();
        for (var offset = 0; offset < whole.Length; offset += 50)
        {
            var page = Search("wheelchair", June2019, offset: offset);
            Assert.Equal(whole.Length, page.Total);
            paged.AddRange(page.Matches.Select(a => a.Version.Code));
        }

        Assert.Equal(whole, paged);
        Assert.Empty(Search("wheelchair", June2019, offset: whole.Length).Matches);
    }

    [Fact]
    public void An_empty_query_lists_every_valid_code()
    {
        var expected = cms.Index.Codes(CodeSystem.Hcpcs).Count(v => AsOfAnswer.For(v, June2019).Valid);

        Assert.Equal(expected, Search("", June2019).Total);
        Assert.Equal(cms.Index.Codes(CodeSystem.Hcpcs).Count, Search(null, June2019, SearchStatus.Any).Total);
    }

    private CodeSearchResult Search(string? text, DateOnly date, SearchStatus status = SearchStatus.Valid, int offset = 0, int count = CodeSearchQuery.DefaultCount) =>
        CodeSearch.Run(cms.Index, new CodeSearchQuery(CodeSystem.Hcpcs, text, date, status, offset, count));

    private static string? Long(CodeVersion v) => v.Descriptors.GetValueOrDefault(DescriptorKind.Long);

    private static bool HasWordStartingWith(CodeVersion v, string prefix, params string[] kinds) =>
        (kinds.Length == 0 ? [DescriptorKind.Long, DescriptorKind.Short] : kinds)
            .Select(k => v.Descriptors.GetValueOrDefault(k) ?? string.Empty)
            .Any(text => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
                .SelectMany(w => w.Split(w.Where(ch => !char.IsLetterOrDigit(ch)).Distinct().ToArray(), StringSplitOptions.RemoveEmptyEntries))
                .Any(w => w.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)));

    /// <summary>The versions of the real January 2018 and January 2019 HCPCS releases, built once for the class.</summary>
    public sealed class CmsIndex
    {
        public CmsIndex()
        {
            var snapshots = new[] { CmsFiles.Txt2018, CmsFiles.Txt2019 }
                .Select(f => ReleaseReader.Read(new ReleaseFile(Path.GetFileName(f), CmsFiles.Read(f))))
                .ToArray();
            Index = new VersionIndex(new Dictionary<CodeSystem, SystemVersions>
            {
                [CodeSystem.Hcpcs] = new("cms-2018-2019", CodeTimeline.BuildAll(snapshots)),
            });
        }

        public VersionIndex Index { get; }
    }
}
