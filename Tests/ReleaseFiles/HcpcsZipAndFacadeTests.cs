using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.ReleaseFiles.Hcpcs;
using CodeUpdates.Tests.Support;
using System.IO.Compression;
using Xunit;
using static CodeUpdates.Tests.Support.HcpcsTestData;


namespace CodeUpdates.Tests.ReleaseFiles;

/// <summary>CMS files as dropped: alone, in a zip with CMS's documents, and through <see cref="ReleaseReader"/>.</summary>
public sealed class HcpcsZipAndFacadeTests
{
    [Fact]
    public void A_zip_of_the_CMS_file_and_its_README_reads_the_same_as_the_file_alone()
    {
        var zip = Zip(Txt2019, "2019/HCPC2019_README.txt", "2019/HCPCS2019_recordlayout.txt", "2019/proc_notes_2019.txt");

        var fromZip = HcpcsAnwebReader.Read(ReleaseReader.Expand(new ReleaseFile("2019-Alpha-Numeric-HCPCS-File.zip", zip)));

        Assert.Equal(Read(Txt2019).Codes.Select(Describe), fromZip.Codes.Select(Describe));
    }

    [Fact]
    public void A_full_CMS_zip_reads_one_ANWEB_form_and_skips_corrections_and_transaction_reports()
    {
        var zip = Zip(
            "2018/HCPC2018_README.txt",
            "2018/V1_HCPC2018_Corrections_ANWEB.xlsx",
            "2018/HCPC18_Trans_Report_Alpha.xlsx",
            Xlsx2018,
            Txt2018);
        var members = ReleaseReader.Expand(new ReleaseFile("2018-Alpha-Numeric-HCPCS-File.zip", zip));

        Assert.Equal("HCPC2018_CONTR_ANWEB_disc.txt", HcpcsAnwebReader.PickDataFile(members).FileName);
        Assert.Equal(6559, HcpcsAnwebReader.Read(members).Codes.Count);
    }

    [Fact]
    public void A_zip_with_only_the_workbook_reads_the_workbook()
    {
        var zip = Zip(Xlsx2019, "2019/HCPC2019_README.txt", "2019/HCPC2019_Corrections_ALPHA.xlsx");

        var fromZip = HcpcsAnwebReader.Read(ReleaseReader.Expand(new ReleaseFile("hcpcs.zip", zip)));

        Assert.Equal(Read(Xlsx2019).Codes.Select(Describe), fromZip.Codes.Select(Describe));
    }

    [Theory]
    [InlineData(Txt2019, "2019-01-01", 6800)]
    [InlineData(Xlsx2018, "2018-01-01", 6559)]
    [InlineData(Txt2017, "2017-01-01", 6498)]
    [InlineData(Xlsx2025, "2025-10-01", 8846)]
    public void The_facade_detects_HCPCS_and_takes_the_effective_date_from_the_CMS_name(string file, string effective, int codes)
    {
        var bytes = File.ReadAllBytes(RepoPaths.Cms(file));

        var snapshot = ReleaseReader.Read(new ReleaseFile(Path.GetFileName(file), bytes));

        Assert.Equal(CodeSystem.Hcpcs, snapshot.Identity.System);
        Assert.Equal(DateOnly.Parse(effective, System.Globalization.CultureInfo.InvariantCulture), snapshot.Identity.Effective);
        Assert.Equal(Path.GetFileName(file), snapshot.Identity.Source);
        Assert.Equal(codes, snapshot.Codes.Count);
        Assert.Equal([DescriptorKind.Long, DescriptorKind.Short], snapshot.DescriptorKinds);
        Assert.NotNull(snapshot.Find("G0503"));
    }

    [Fact]
    public void The_facade_reads_a_CMS_zip_and_dates_it_by_the_member_name()
    {
        var zip = Zip(Txt2019, "2019/HCPC2019_README.txt");

        var snapshot = ReleaseReader.Read(new ReleaseFile("hcpcs/2019-Alpha-Numeric-HCPCS-File.zip", zip));

        Assert.Equal(new DateOnly(2019, 1, 1), snapshot.Identity.Effective);
        Assert.Equal(6800, snapshot.Codes.Count);
    }

    [Theory]
    [InlineData(Txt2019)]
    [InlineData(Xlsx2018)]
    public void Recognizes_ANWEB_data_by_content_when_the_name_says_nothing(string file)
    {
        var member = new ReleaseMember("data" + Path.GetExtension(file), File.ReadAllBytes(RepoPaths.Cms(file)));

        Assert.True(HcpcsAnwebReader.Recognizes(member));
        Assert.True(HcpcsAnwebReader.Recognizes(Member(file)));
        Assert.False(HcpcsAnwebReader.Recognizes(new ReleaseMember("notes.txt", File.ReadAllBytes(RepoPaths.Cms("2019/proc_notes_2019.txt")))));
    }

    private static byte[] Zip(params string[] files)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in files)
            {
                using var entry = zip.CreateEntry(file).Open();
                entry.Write(File.ReadAllBytes(RepoPaths.Cms(file)));
            }
        }

        return buffer.ToArray();
    }
}
