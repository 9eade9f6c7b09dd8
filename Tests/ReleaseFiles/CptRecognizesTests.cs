using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.ReleaseFiles.Cpt;
using System.Text;
using Xunit;

namespace CodeUpdates.Tests.ReleaseFiles;

public class CptRecognizesTests
{
    [Theory]
    [InlineData("LONGULT.txt")]
    [InlineData("MEDU.txt")]
    [InlineData("SHORTU.txt")]
    [InlineData("ConsumerDescriptor.txt")]
    [InlineData("ClinicianDescriptor.txt")]
    public void Recognizes_every_fixture_form(string file) => Assert.True(CptReleaseReader.Recognizes(CptFixtures.Member(2026, file)));

    [Fact]
    public void Recognizes_the_csv_form() => Assert.True(CptReleaseReader.Recognizes(CptFixtures.Csv2026));

    [Fact]
    public void Recognizes_a_generated_workbook() =>
        Assert.True(CptReleaseReader.Recognizes(new ReleaseMember("descriptors.xlsx", CptFixtures.Xlsx2026())));

    [Theory]
    [InlineData("export.txt", "Invented header line\n0042T\tExperimental moonlight scan\n")]
    [InlineData("export.txt", "99213 MADE-UP CHAT\n")]
    [InlineData("longult.TXT", "anything")]
    [InlineData("extract.csv", "Invented,,\nCode,Short Descriptor\n0001U,ASSAY\n")]
    public void Recognizes_cpt_shaped_content_under_other_names(string name, string text) =>
        Assert.True(CptReleaseReader.Recognizes(CptFixtures.TextMember(name, text)));

    [Theory]
    [InlineData("CPT 2026/ReadMe.pdf", "%PDF-1.4 99213\tjunk")]
    [InlineData("CPT 2026/README.txt", "99213\tnot data")]
    [InlineData("CPT 2026/LONGUF.txt", "99213 wrapped long form")]
    [InlineData("HCPC2026_JAN_ANWEB.txt", "A0021 0000100AMBULANCE SERVICE OUTSIDE STATE  \nE0114 0000100CRUTCH UNDERARM PAIR NO WOOD\n")]
    [InlineData("hcpcs.csv", "HCPC,LONG DESCRIPTION,SHORT DESCRIPTION\nA0021,Invented,INVENTED\n")]
    [InlineData("codes.csv", "CPT Code,Long Descriptor\nA0021,HCPCS-shaped\n")]
    [InlineData("notes.txt", "Invented licence words, no codes.\n")]
    [InlineData("empty.txt", "")]
    public void Does_not_recognize_documents_hcpcs_or_plain_text(string name, string text) =>
        Assert.False(CptReleaseReader.Recognizes(CptFixtures.TextMember(name, text)));

    [Theory]
    [InlineData("descriptors.xlsx")]
    [InlineData("descriptors.xls")]
    public void Never_throws_on_garbage_workbooks(string name) =>
        Assert.False(CptReleaseReader.Recognizes(new ReleaseMember(name, Encoding.ASCII.GetBytes("garbage bytes, not a workbook"))));

    [Fact]
    public void Does_not_recognize_an_hcpcs_workbook() =>
        Assert.False(CptReleaseReader.Recognizes(new ReleaseMember(
            "HCPC2026_JAN_ANWEB.xlsx",
            CptFixtures.Xlsx("HCPC2026_JAN_ANWEB", [["Invented disclaimer"], ["HCPC", "SEQNUM", "RECID", "LONG DESCRIPTION", "SHORT DESCRIPTION"], ["A0021", "00100", "3", "Invented", "INVENTED"]]))));
}
