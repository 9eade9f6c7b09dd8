using CodeUpdates.Ingestion.Diff;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Tests.ReleaseFiles;
using CodeUpdates.Tests.Support;
using System.IO.Compression;
using Xunit;

namespace CodeUpdates.Tests.Samples;

/// <summary>
/// The samples scripts/run drops: CMS's real HCPCS 2018 and 2019 text files, zipped, and the
/// invented CPT 2025 and 2026 releases. No invented HCPCS data may be among them, so a user who
/// later drops a real CMS file gets it compared with a real release.
/// </summary>
public class SampleReleaseTests
{
    public const string Hcpcs2018 = "hcpcs/HCPC2018_CONTR_ANWEB_disc.zip";
    public const string Hcpcs2019 = "hcpcs/HCPC2019_CONTR_ANWEB.zip";

    private static ReleaseSnapshot Read(string sample) =>
        ReleaseReader.Read(new ReleaseFile(sample, File.ReadAllBytes(RepoPaths.Sample(sample))));

    [Fact]
    public void Every_hcpcs_sample_is_a_zip_under_1_MB_of_one_cms_text_file_byte_for_byte()
    {
        var samples = Directory.GetFiles(RepoPaths.Sample("hcpcs")).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(["HCPC2018_CONTR_ANWEB_disc.zip", "HCPC2019_CONTR_ANWEB.zip"], samples);

        foreach (var (sample, cms) in new[] { (Hcpcs2018, CmsFiles.Txt2018), (Hcpcs2019, CmsFiles.Txt2019) })
        {
            Assert.True(new FileInfo(RepoPaths.Sample(sample)).Length < 1024 * 1024, $"{sample} is over 1 MB");
            using var zip = ZipFile.OpenRead(RepoPaths.Sample(sample));
            var member = Assert.Single(zip.Entries);
            Assert.Equal(Path.GetFileName(cms), member.FullName);
            using var content = new MemoryStream();
            using (var stream = member.Open())
            {
                stream.CopyTo(content);
            }

            Assert.Equal(CmsFiles.Read(cms), content.ToArray());
        }
    }

    [Fact]
    public void Hcpcs_samples_2018_to_2019_are_the_real_releases()
    {
        var prior = Read(Hcpcs2018);
        var current = Read(Hcpcs2019);

        Assert.Equal((CodeSystem.Hcpcs, new DateOnly(2018, 1, 1), 6559), (prior.Identity.System, prior.Identity.Effective, prior.Codes.Count));
        Assert.Equal((CodeSystem.Hcpcs, new DateOnly(2019, 1, 1), 6800), (current.Identity.System, current.Identity.Effective, current.Codes.Count));
        Assert.Equal(new ChangeSummary(Added: 228, Deleted: 52, Revised: 122, Reactivated: 0, Administrative: 52, Purged: 0), ReleaseDiff.Compare(prior, current).Summary);
    }

    [Fact]
    public void The_real_october_2025_file_against_the_2019_sample_gives_the_real_changes()
    {
        var october = ReleaseReader.Read(new ReleaseFile("hcpcs/HCPC2025_OCT_ANWEB.xlsx", CmsFiles.Read(HcpcsTestData.Xlsx2025)));

        var summary = ReleaseDiff.Compare(Read(Hcpcs2019), october).Summary;

        Assert.Equal((1745, 710, 282), (summary.Added, summary.Deleted, summary.Revised));
    }

    [Fact]
    public void Cpt_samples_2025_to_2026_have_the_changes_their_readme_lists()
    {
        static ReleaseSnapshot Cpt(int year) => ReleaseReader.Read(new ReleaseFile($"cpt/{year}/CPT{year}.zip", CptFixtures.Zip(year, withDocuments: false)));

        var diff = ReleaseDiff.Compare(Cpt(2025), Cpt(2026));

        Assert.Equal(new ChangeSummary(Added: 5, Deleted: 4, Revised: 8, Reactivated: 0, Administrative: 0, Purged: 0), diff.Summary);
        Assert.Equal(new DateOnly(2026, 1, 1), diff.Current.Effective);
    }
}
