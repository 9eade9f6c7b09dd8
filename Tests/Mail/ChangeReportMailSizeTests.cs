using CodeUpdates.Ingestion.Diff;
using CodeUpdates.Ingestion.Mail;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Reports;
using CodeUpdates.Tests.Support;
using System.Text;

namespace CodeUpdates.Tests.Mail;

/// <summary>Gmail clips a message whose HTML is over 102 KB and hides the rest: a full CMS year must fit.</summary>
public sealed class ChangeReportMailSizeTests
{
    [Fact]
    [Trait("Data", "RealCms")]
    public async Task The_html_of_the_real_2019_hcpcs_report_stays_under_100_kb_with_the_counts_and_a_link()
    {
        var diff = ReleaseDiff.Compare(Read(CmsFiles.Txt2018), Read(CmsFiles.Txt2019));
        var options = new ChangeReportOptions { PublicBaseUrl = "https://func-codeupdates.azurewebsites.net/" };

        var mail = await ChangeReportMail.RenderAsync(diff, options.ReleasePage(CodeSystem.Hcpcs, diff.Current.Effective), default);

        var size = Encoding.UTF8.GetByteCount(mail.Html);
        Assert.True(size < 100_000, $"the HTML part is {size:N0} bytes");
        Assert.Contains("Added (228)", mail.Html);
        Assert.Contains("Deleted (52)", mail.Html);
        Assert.Contains("Revised (122)", mail.Html);
        Assert.Contains("<del style=", mail.Html);
        Assert.Contains("<ins style=", mail.Html);
        Assert.Contains("<a href=\"https://func-codeupdates.azurewebsites.net/releases/hcpcs/2019-01-01\">", mail.Html);
        Assert.Contains("https://func-codeupdates.azurewebsites.net/releases/hcpcs/2019-01-01", mail.Text);
        Assert.Contains("… and 208 more", mail.Html); // 228 added, the first 20 shown
        Assert.NotNull(mail.Attachment); // the full list
    }

    private static ReleaseSnapshot Read(string relative) =>
        ReleaseReader.Read(new ReleaseFile(RepoPaths.Cms(relative), CmsFiles.Read(relative)), CodeSystem.Hcpcs);
}
