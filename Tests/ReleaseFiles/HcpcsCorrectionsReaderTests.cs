using System.Text;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.ReleaseFiles.Hcpcs;
using CodeUpdates.Tests.Releases;
using CodeUpdates.Tests.Support;

namespace CodeUpdates.Tests.ReleaseFiles;

/// <summary>CMS's corrections documents in each form they ship, read line by line.</summary>
public sealed class HcpcsCorrectionsReaderTests
{
    [Theory]
    [InlineData("2018/V1_HCPC2018_Corrections_ANWEB.xlsx", 2018)]
    [InlineData("2018/V4_HCPC2018_Corrections_ANWEB.xlsx", 2018)]
    [InlineData("2018/V4_HCPC2018_Corrections_ANWEB.prn", 2018)]
    [InlineData("2019/HCPC2019_Corrections_ALPHA_v2.xlsx", 2019)]
    [InlineData("2019/HCPC2019_Corrections_ALPHA.prn", 2019)]
    [InlineData("2017/hcpc2017_corrections_alpha.txt", 2017)]
    public void Every_CMS_form_is_recognised_by_name_and_read_with_the_year_of_its_title(string relative, int year)
    {
        Assert.True(HcpcsCorrectionsReader.Recognizes("hcpcs/" + Path.GetFileName(relative)));
        var document = CmsCorrectionFiles.Document(relative);

        Assert.Equal(year, document.Year);
        Assert.Equal(new DateOnly(year, 1, 1), document.Effective);
        Assert.NotEmpty(document.Lines);
    }

    [Fact]
    public void The_print_and_the_workbook_of_V4_list_the_same_codes_and_actions_and_the_print_says_its_text_is_cut()
    {
        var workbook = CmsCorrectionFiles.Document(CmsCorrectionFiles.V4);
        var print = CmsCorrectionFiles.Document(CmsCorrectionFiles.V4Print);

        Assert.Equal(workbook.Lines.Select(l => (l.Code, l.Action, l.RevertYear)), print.Lines.Select(l => (l.Code, l.Action, l.RevertYear)));
        Assert.All(print.Lines, l => Assert.True(l.TextCut));
        Assert.All(workbook.Lines, l => Assert.False(l.TextCut));
        Assert.Equal(28, workbook.Lines.Count);
        Assert.Equal(new DateOnly(2018, 1, 1), workbook.Lines.Single(l => l.Code == "G0279").Effective);
        Assert.Equal(new DateOnly(2017, 4, 1), print.Lines.Single(l => l.Code == "C9488").Effective);
    }

    [Fact]
    public void The_2017_tab_separated_text_gives_its_quoted_texts_whole()
    {
        var document = CmsCorrectionFiles.Document(CmsCorrectionFiles.Corrections2017Text);
        var raw = Encoding.Latin1.GetString(CmsFiles.Read(CmsCorrectionFiles.Corrections2017Text)).Split("\r\n").First(l => l.StartsWith("C1842\t", StringComparison.Ordinal)).Split('\t');
        var line = document.Lines.Single(l => l.Code == "C1842");

        Assert.Equal(CorrectionAction.Add, line.Action);
        Assert.Equal(raw[4].Trim('"'), line.LongDescription);
        Assert.Equal(raw[3].Trim('"'), line.ShortDescription);
        Assert.Equal(CorrectionAction.Revise, document.Lines.Single(l => l.Code == "G0480").Action);
    }

    [Theory]
    [InlineData("Revise Long Desc", CorrectionAction.Revise)]
    [InlineData("ADD Code", CorrectionAction.Add)]
    [InlineData("ADD CODE", CorrectionAction.Add)]
    [InlineData("DELETE", CorrectionAction.Delete)]
    [InlineData("Should not have been updated - revert back to 2017 description", CorrectionAction.Revert)]
    [InlineData("DO NOT ADD - Remove from previous corrections document", CorrectionAction.Withdraw)]
    [InlineData("Remove, will be assigned at a later date", CorrectionAction.Withdraw)]
    [InlineData("Remove \"YY\" ASC Ind and ASC Start date of 01/01/2019", CorrectionAction.Other)]
    [InlineData("Add Lab Cert code 220", CorrectionAction.Other)]
    [InlineData("Change ASC Ind/ASC eff date", CorrectionAction.Other)]
    public void Actions_are_classified_by_their_CMS_wording(string action, CorrectionAction expected) =>
        Assert.Equal(expected, HcpcsCorrectionsReader.Classify(action).Action);

    [Fact]
    public void A_document_named_corrections_without_the_header_row_is_refused_with_that_reason()
    {
        var ex = Assert.Throws<InvalidReleaseException>(() =>
            HcpcsCorrectionsReader.Read(new ReleaseFile("hcpcs/HCPC2018_Corrections.txt", Encoding.ASCII.GetBytes("2018 HCPCS CORRECTIONS\r\nHCPC\tWHAT\r\nG0279\tRevise\r\n"))));

        Assert.Contains("no header row with CODE and ACTION", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_code_column_holding_no_code_is_refused_naming_the_line()
    {
        var ex = Assert.Throws<InvalidReleaseException>(() =>
            HcpcsCorrectionsReader.Read(new ReleaseFile("hcpcs/HCPC2018_Corrections.txt", Encoding.ASCII.GetBytes("2018 HCPCS CORRECTIONS\r\nCODE\tACTION\r\nnot a code at all\tDELETE\r\n"))));

        Assert.Equal(3, ex.Line);
        Assert.Contains("is not an HCPCS code", ex.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2018", "V4_HCPC2018_Corrections_ANWEB.xlsx")]
    [InlineData("2019", "HCPC2019_Corrections_ALPHA_v2.xlsx")]
    public void A_zip_of_a_years_corrections_is_read_as_its_latest_version_in_the_form_with_whole_texts(string year, string latest)
    {
        // Every corrections document of the year in CMS's folder, each version as workbook and print, with the readme.
        var folder = RepoPaths.Cms(year);
        var entries = Directory.GetFiles(folder)
            .Where(f => Path.GetFileName(f).Contains("correction", StringComparison.OrdinalIgnoreCase))
            .Select(f => (Path.GetFileName(f), File.ReadAllBytes(f)))
            .ToArray();
        Assert.True(entries.Length >= 4, $"{entries.Length} corrections files in {folder}");
        var zip = CptFixtures.ZipOf(entries.Reverse());
        var name = $"hcpcs/HCPC{year}_Corrections.zip";

        Assert.True(HcpcsCorrectionsReader.Recognizes(name));
        var fromZip = HcpcsCorrectionsReader.Read(new ReleaseFile(name, zip));
        var alone = CmsCorrectionFiles.Document($"{year}/{latest}");

        Assert.Equal(alone.Year, fromZip.Year);
        Assert.Equal(Lines(alone), Lines(fromZip));
        Assert.DoesNotContain(fromZip.Lines, l => l.TextCut);
        Assert.Equal(name, fromZip.Source);
        Assert.Equal(ReleaseIdentityResolver.Sha256(zip), fromZip.Sha256);
    }

    [Fact]
    public void A_zip_named_corrections_without_a_corrections_document_is_refused_saying_what_it_holds()
    {
        var readme = RepoPaths.Cms("2018/HCPC2018_Corrections_README.txt");
        var layout = RepoPaths.Cms("2018/HCPCS18_recordlayout.txt");
        var zip = CptFixtures.ZipOf([(Path.GetFileName(readme), File.ReadAllBytes(readme)), (Path.GetFileName(layout), File.ReadAllBytes(layout))]);

        var ex = Assert.Throws<InvalidReleaseException>(() => HcpcsCorrectionsReader.Read(new ReleaseFile("hcpcs/HCPC2018_Corrections.zip", zip)));

        Assert.Equal("hcpcs/HCPC2018_Corrections.zip", ex.Source);
        Assert.Equal(
            "the zip holds no corrections document (an .xlsx, .xls, .txt, .csv or .prn named like V4_HCPC2018_Corrections_ANWEB); it holds HCPC2018_Corrections_README.txt, HCPCS18_recordlayout.txt",
            ex.Problem);
        Assert.False(HcpcsCorrectionsReader.Recognizes("hcpcs/HCPC2018_ANWEB.zip"));
    }

    [Fact]
    public void A_years_release_zip_that_also_holds_corrections_documents_is_read_as_the_release_only()
    {
        var folder = RepoPaths.Cms("2018");
        var entries = Directory.GetFiles(folder)
            .Where(f => Path.GetFileName(f).Contains("correction", StringComparison.OrdinalIgnoreCase) || f.EndsWith("_disc.txt", StringComparison.Ordinal))
            .Select(f => (Path.GetFileName(f), File.ReadAllBytes(f)))
            .ToArray();
        const string name = "hcpcs/HCPC2018_ANWEB.zip";

        Assert.False(HcpcsCorrectionsReader.Recognizes(name));
        var release = ReleaseReader.Read(new ReleaseFile(name, CptFixtures.ZipOf(entries)));
        var alone = HcpcsTestData.Read(HcpcsTestData.Txt2018);

        Assert.Equal(
            alone.Codes.OrderBy(c => c.Code, StringComparer.Ordinal).Select(c => (c.Code, c.LongDescription)),
            release.Codes.OrderBy(c => c.Code, StringComparer.Ordinal).Select(c => (c.Code, c.LongDescription)));
    }

    private static string[] Lines(CorrectionsDocument document) =>
        document.Lines.Select(l => $"{l.Line}|{l.Code}|{l.ActionText}|{l.Effective}|{l.ShortDescription}|{l.LongDescription}|{l.RevertYear}").ToArray();
}
