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
}
