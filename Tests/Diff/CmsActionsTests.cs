using System.Text.RegularExpressions;
using CodeUpdates.Ingestion.Diff;
using CodeUpdates.Ingestion.ReleaseFiles;

namespace CodeUpdates.Tests.Diff;

/// <summary>
/// CMS's ACTION CD against the computed change on the real .txt files (DESIGN.md "CMS action codes, reconciled"), checked
/// code by code against a comparison written here from the two snapshots alone, not through the diff.
/// </summary>
public sealed partial class CmsActionsTests(CmsActionSnapshots cms) : IClassFixture<CmsActionSnapshots>
{
    private static readonly HashSet<string> NotCompared = new(StringComparer.Ordinal) { "SEQNUM", "ACTION CD", "ACT EFF DT" };

    [Fact]
    public void January_2017_to_2018_has_24_disagreements_code_by_code()
    {
        var actions = AssertEqualsIndependent(cms.Txt2017, cms.Txt2018, disagreements: 24);
        Assert.Contains(actions.Disagreements, d => d is { Code: "G0259", CmsAction: "N", Computed: "revised" });
        Assert.Contains(actions.Disagreements, d => d is { Code: "J7328", CmsAction: "P", Computed: "revised" });
    }

    [Fact]
    public void January_2018_to_2019_has_30_disagreements_code_by_code()
    {
        var actions = AssertEqualsIndependent(cms.Txt2018, cms.Txt2019, disagreements: 30);
        Assert.Contains(actions.Disagreements, d => d is { Code: "G0279", CmsAction: "N", Computed: "revised" });
        Assert.Contains(actions.Disagreements, d => d is { Code: "Q2041", CmsAction: "C", Computed: "added" });
        Assert.Contains(actions.Disagreements, d => d is { Code: "G9890", CmsAction: "A", Computed: "revised", Cause: CmsActionCauses.Reused });
    }

    [Fact]
    public void A_code_added_by_CMS_over_other_text_is_reused_and_the_rest_are_releases_not_loaded()
    {
        var diff = ReleaseDiff.Compare(cms.Txt2018, cms.Txt2019);
        var reused = cms.Txt2019.Codes
            .Where(c => c.ActionCode == "A" && cms.Txt2018.Find(c.Code) is { } before && Words(before.LongDescription) != Words(c.LongDescription))
            .Select(c => c.Code)
            .ToArray();

        Assert.Contains("G9890", reused);
        Assert.Equal(reused, diff.Changes.Where(c => c.Reused == true).Select(c => c.Code));
        Assert.Equal(reused, diff.CmsActions!.Disagreements.Where(d => d.Cause == CmsActionCauses.Reused).Select(d => d.Code));
        // Every other disagreement has the three quarters between the Januaries to blame.
        Assert.All(diff.CmsActions.Disagreements.Where(d => d.Cause != CmsActionCauses.Reused), d =>
        {
            Assert.Equal(CmsActionCauses.ReleaseNotLoaded, d.Cause);
            Assert.Contains("2018-04-01, 2018-07-01 and 2018-10-01 are not loaded", d.Explanation, StringComparison.Ordinal);
        });
        Assert.Equal(diff.CmsActions.Disagree, diff.CmsActions.Causes.Sum(c => c.Codes));
        Assert.Equal([new DateOnly(2018, 4, 1), new DateOnly(2018, 7, 1), new DateOnly(2018, 10, 1)], diff.MissingQuarters);
    }

    [Fact]
    public void Consecutive_quarters_miss_nothing_and_a_year_apart_miss_three()
    {
        Assert.Empty(QuarterGap.MissingQuarters(new DateOnly(2018, 1, 1), new DateOnly(2018, 4, 1)));
        Assert.Equal([new DateOnly(2018, 10, 1)], QuarterGap.MissingQuarters(new DateOnly(2018, 7, 1), new DateOnly(2019, 1, 1)));
        // A release effective mid-quarter still leaves the next quarter start missing.
        Assert.Equal([new DateOnly(2018, 4, 1)], QuarterGap.MissingQuarters(new DateOnly(2018, 2, 15), new DateOnly(2018, 7, 1)));
    }

    [Fact]
    public void Cpt_has_no_action_codes_so_its_changes_carry_neither_cmsActions_nor_missing_quarters()
    {
        var diff = ReleaseDiff.Compare(Cpt(2025), Cpt(2026));

        Assert.NotEmpty(diff.Changes);
        Assert.Null(diff.CmsActions);
        Assert.Null(diff.MissingQuarters);
        Assert.DoesNotContain("cmsActions", Ingestion.Reports.ChangeReportDocument.From(diff).ToJson(), StringComparison.Ordinal);
    }

    private static ReleaseSnapshot Cpt(int year)
    {
        var content = Ingestion.ReleaseFiles.Cpt.CptReleaseReader.Read(ReleaseFiles.CptFixtures.TextMembers(year));
        return new(new ReleaseIdentity(CodeSystem.Cpt, new DateOnly(year, 1, 1), $"cpt/{year}", new string('0', 64)), content.DescriptorKinds, content.Codes);
    }

    private static CmsActions Actions(ReleaseSnapshot prior, ReleaseSnapshot current) =>
        ReleaseDiff.Compare(prior, current).CmsActions ?? throw new InvalidOperationException("an HCPCS diff with a prior has cmsActions");

    /// <summary>The product's cmsActions between two releases equal, code by code, the independent computation, and count what they should.</summary>
    private static CmsActions AssertEqualsIndependent(ReleaseSnapshot prior, ReleaseSnapshot current, int disagreements)
    {
        var actions = Actions(prior, current);
        Assert.Equal(Independent(prior, current).Select(Line), actions.Disagreements.Select(d => Line((d.Code, d.CmsAction, d.Computed))));
        Assert.Equal(disagreements, actions.Disagree);
        Assert.Equal(current.Codes.Count(c => !string.IsNullOrWhiteSpace(c.ActionCode)), actions.Compared);
        Assert.Equal(actions.Compared - disagreements, actions.Agree);
        return actions;
    }

    private static string Line((string Code, string Action, string Computed) d) => $"{d.Code} {d.Action} {d.Computed}";

    /// <summary>The design's rules written out again over the two snapshots: the computed change of each code with an ACTION CD, and the agreement table.</summary>
    internal static List<(string Code, string Action, string Computed)> Independent(ReleaseSnapshot prior, ReleaseSnapshot current)
    {
        var disagreements = new List<(string, string, string)>();
        foreach (var after in current.Codes.Where(c => !string.IsNullOrWhiteSpace(c.ActionCode)))
        {
            var before = prior.Find(after.Code);
            string computed;
            if (before is null)
            {
                computed = after.TerminationDate is null ? "added" : "deleted";
            }
            else if (after.TerminationDate is not null && before.TerminationDate is null)
            {
                computed = "deleted";
            }
            else if (before.TerminationDate is not null && after.TerminationDate is null)
            {
                computed = "reactivated";
            }
            else if (Words(before.LongDescription) != Words(after.LongDescription) || Words(before.ShortDescription) != Words(after.ShortDescription))
            {
                computed = "revised";
            }
            else
            {
                computed = OtherFieldsDiffer(before, after) ? "administrative" : "unchanged";
            }

            var action = after.ActionCode!.Trim();
            var agrees = (action, computed) switch
            {
                ("A", "added" or "reactivated") => true,
                ("B" or "C" or "S", "revised") => true,
                ("D", "deleted") => true,
                ("F" or "T", "administrative") => true,
                ("P", "administrative" or "unchanged") => true,
                ("R", "reactivated" or "added") => true,
                ("N", "unchanged") => true,
                _ => false,
            };
            if (!agrees)
            {
                disagreements.Add((after.Code, action, computed));
            }
        }

        return disagreements;
    }

    private static bool OtherFieldsDiffer(CodeRecord before, CodeRecord after) =>
        before.AddDate != after.AddDate
        || before.TerminationDate != after.TerminationDate
        || !before.CrossReferences.SequenceEqual(after.CrossReferences)
        || before.Administrative.Keys.Union(after.Administrative.Keys)
            .Where(k => !NotCompared.Contains(k))
            .Any(k => Value(before.Administrative, k) != Value(after.Administrative, k));

    private static string Value(IReadOnlyDictionary<string, string> fields, string key) => fields.GetValueOrDefault(key)?.Trim() ?? string.Empty;

    private static string Words(string? text) => Spaces().Replace(text ?? string.Empty, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
