using System.Globalization;
using System.Net;
using CodeUpdates.Ingestion.Diff;
using CodeUpdates.Ingestion.Mail;
using CodeUpdates.Tests.Diff;

namespace CodeUpdates.Tests.Mail;

/// <summary>The report mail of the real January 2019 HCPCS release says what CMS's action codes and the missing quarters tell a coder.</summary>
public sealed class CmsActionsMailTests(CmsActionSnapshots cms) : IClassFixture<CmsActionSnapshots>
{
    [Fact]
    public async Task The_mail_says_how_many_codes_CMS_disagrees_on_what_to_do_per_cause_and_which_quarters_are_not_loaded()
    {
        var diff = ReleaseDiff.Compare(cms.Txt2018, cms.Txt2019);
        var mail = await ChangeReportMail.RenderAsync(diff, new Uri("https://codes.example/releases/hcpcs/2019-01-01"), CancellationToken.None);
        var compared = cms.Txt2019.Codes.Count(c => !string.IsNullOrWhiteSpace(c.ActionCode));

        var sentences = new List<string>
        {
            $"CMS's action codes disagree with the change computed here for 30 codes of {compared.ToString("N0", CultureInfo.InvariantCulture)}:",
            "The release before this one that is loaded is effective 2018-01-01: the quarterly releases of 2018-04-01, 2018-07-01 and 2018-10-01 are not loaded, so the changes CMS made in them are counted in this release.",
        };
        var causes = diff.CmsActions!.Causes;
        Assert.Equal([CmsActionCauses.Reused, CmsActionCauses.ReleaseNotLoaded], causes.Select(c => c.Cause));
        Assert.Equal(30, causes.Sum(c => c.Codes));
        Assert.StartsWith($"{causes[1].Codes} codes changed otherwise than CMS's action codes say: a quarterly update or corrections document between 2018-01-01 and 2019-01-01 is not loaded", causes[1].Advice, StringComparison.Ordinal);
        sentences.AddRange(causes.Select(c => c.Advice));

        Assert.All(sentences, s =>
        {
            Assert.Contains(s, mail.Text, StringComparison.Ordinal);
            Assert.Contains(WebUtility.HtmlEncode(s), mail.Html, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_release_whose_prior_is_the_quarter_before_names_no_missing_quarter()
    {
        // The 2019 file read again as the April 2019 quarter: nothing between, nothing changed, every N agrees.
        var april = new Ingestion.ReleaseFiles.ReleaseSnapshot(
            cms.Txt2019.Identity with { Effective = new DateOnly(2019, 4, 1) }, cms.Txt2019.DescriptorKinds, cms.Txt2019.Codes);
        var diff = ReleaseDiff.Compare(cms.Txt2019, april);
        var mail = await ChangeReportMail.RenderAsync(diff, null, CancellationToken.None);

        Assert.Empty(diff.MissingQuarters!);
        Assert.DoesNotContain("quarterly release", mail.Text, StringComparison.Ordinal);
        // Codes CMS marked as changed in January show no change against the same text: with the quarter before loaded, a
        // corrections document is what can explain them; the N codes agree.
        Assert.NotEmpty(diff.CmsActions!.Disagreements);
        Assert.All(diff.CmsActions.Disagreements, d =>
        {
            Assert.NotEqual("N", d.CmsAction);
            Assert.Equal(("unchanged", CmsActionCauses.ReleaseNotLoaded), (d.Computed, d.Cause));
        });
        Assert.Contains("a corrections document between 2019-01-01 and 2019-04-01 is not loaded; load it.", mail.Text, StringComparison.Ordinal);
    }
}
