using CodeUpdates.Ingestion.Diff;
using CodeUpdates.Tests.Diff;

namespace CodeUpdates.Tests.Releases;

/// <summary>
/// DESIGN.md "CMS action codes, reconciled": of the 2018 → 2019 disagreements, those the 2018 corrections explain go away
/// once the corrected 2018 (the .xlsx workbook with the V4 corrections document applied) is the prior. Checked code by code
/// against the design's rules written out again in <see cref="CmsActionsTests.Independent"/>, not through the diff.
/// </summary>
public sealed class CorrectedPriorCmsActionsTests(CorrectedPriorSnapshots cms) : IClassFixture<CorrectedPriorSnapshots>
{
    [Fact]
    public void With_the_corrected_2018_as_prior_2019_disagrees_on_fewer_codes_code_by_code()
    {
        var corrected = ReleaseDiff.Compare(cms.Corrected2018, cms.Txt2019).CmsActions!;
        var published = ReleaseDiff.Compare(cms.Published2018, cms.Txt2019).CmsActions!;
        var expected = CmsActionsTests.Independent(cms.Corrected2018, cms.Txt2019);

        Assert.Equal(expected.Select(Line), corrected.Disagreements.Select(d => Line((d.Code, d.CmsAction, d.Computed))));
        Assert.Equal(expected.Count, corrected.Disagree);
        Assert.Equal(CmsActionsTests.Independent(cms.Published2018, cms.Txt2019).Count, published.Disagree);

        // The corrections are what G0279 (N but revised) was missing; a 2018 quarterly (Q2041) is still not loaded.
        Assert.DoesNotContain(corrected.Disagreements, d => d.Code == "G0279");
        Assert.Contains(published.Disagreements, d => d.Code == "G0279");
        Assert.Contains(corrected.Disagreements, d => d is { Code: "Q2041", CmsAction: "C", Computed: "added" });
        // DESIGN.md: about half of the disagreements go away.
        Assert.True(corrected.Disagree * 2 <= published.Disagree, $"{corrected.Disagree} disagreements with the corrected prior, {published.Disagree} with the published one");
        Console.WriteLine($"2018 -> 2019 disagreements: {published.Disagree} with the published 2018 .xlsx, {corrected.Disagree} with V4 applied");
    }

    private static string Line((string Code, string Action, string Computed) d) => $"{d.Code} {d.Action} {d.Computed}";
}
