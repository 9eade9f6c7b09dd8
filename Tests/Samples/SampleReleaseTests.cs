using CodeUpdates.Ingestion.Diff;
using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Tests.Support;
using Xunit;

namespace CodeUpdates.Tests.Samples;

/// <summary>
/// The bundled sample releases under samples/ (invented codes, real file layouts) that scripts/run
/// drops: they must read and diff to exactly the changes samples/make-hcpcs-samples.py describes.
/// </summary>
public class SampleReleaseTests
{
    private static readonly string[] CptFiles = ["LONGULT.txt", "MEDU.txt", "SHORTU.txt", "ConsumerDescriptor.txt", "ClinicianDescriptor.txt"];

    private static string Sample(string relative) => Path.Combine(RepoPaths.Root, "samples", relative);

    private static ReleaseSnapshot Hcpcs(string month) =>
        ReleaseReader.Read(new ReleaseFile($"hcpcs/HCPC2025_{month}_ANWEB.txt", File.ReadAllBytes(Sample($"hcpcs/HCPC2025_{month}_ANWEB.txt"))));

    private static ReleaseSnapshot Cpt(int year)
    {
        var members = CptFiles.Select(f => new ReleaseMember($"cpt/{year}/{f}", File.ReadAllBytes(Sample($"cpt/{year}/{f}")))).ToArray();
        return ReleaseReader.Read(new ReleaseFile($"cpt/{year}/CPT{year}.zip", ZipOf(members)));
    }

    private static byte[] ZipOf(IEnumerable<ReleaseMember> members)
    {
        using var buffer = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var member in members)
            {
                using var entry = zip.CreateEntry(member.Name).Open();
                entry.Write(member.Content);
            }
        }

        return buffer.ToArray();
    }

    private static CodeChange Change(ReleaseDiffResult diff, string code) => Assert.Single(diff.Changes, c => c.Code == code);

    [Fact]
    public void Hcpcs_samples_read_with_their_dates_continuations_and_cp1252_text()
    {
        var january = Hcpcs("JAN");
        var april = Hcpcs("APR");

        Assert.Equal(CodeSystem.Hcpcs, january.Identity.System);
        Assert.Equal(new DateOnly(2025, 1, 1), january.Identity.Effective);
        Assert.Equal(new DateOnly(2025, 4, 1), april.Identity.Effective);
        Assert.Equal(15, january.Codes.Count);
        Assert.Equal(19, april.Codes.Count);
        Assert.Equal(3, january.Codes.Count(c => c.Kind == CodeKind.Modifier));

        // Long descriptors over 80 characters continue on record id 4 (procedures) and 8 (modifiers) lines.
        Assert.Equal(
            "Sample walking aid, folding frame with four rubber tips and adjustable height, for one adult, each",
            january.Find("X9001")!.LongDescription);
        Assert.EndsWith("when a second person is needed for safety", january.Find("Z2")!.LongDescription);
        Assert.Equal("Sample compression stocking, knee length, 20\u201330 mmHg, pair", january.Find("X9007")!.LongDescription);
        Assert.Equal(new DateOnly(2025, 7, 1), april.Find("X9015")!.AddDate);
    }

    [Fact]
    public void Hcpcs_january_to_april_has_exactly_the_intended_changes()
    {
        var diff = ReleaseDiff.Compare(Hcpcs("JAN"), Hcpcs("APR"));

        Assert.Equal(new ChangeSummary(Added: 4, Deleted: 1, Revised: 1, Reactivated: 0, Administrative: 1, Purged: 0), diff.Summary);
        Assert.Equal(["X9013", "X9014", "X9015", "Z4"], diff.Changes.Where(c => c.Change == ChangeType.Added).Select(c => c.Code).Order(StringComparer.Ordinal));

        var terminated = Change(diff, "X9003");
        Assert.Equal(ChangeType.Deleted, terminated.Change);
        Assert.Equal(DeletionReason.Terminated, terminated.Reason);
        Assert.Equal(new DateOnly(2025, 3, 31), terminated.TerminationDate);
        Assert.Equal(["X9013"], terminated.ReplacedBy);

        var revised = Change(diff, "X9004");
        Assert.Equal(ChangeType.Revised, revised.Change);
        Assert.Equal([DescriptorKind.Long], revised.Fields);
        Assert.Equal(new DateOnly(2025, 2, 15), revised.After!.ActionEffectiveDate);

        var administrative = Change(diff, "X9005");
        Assert.Equal(ChangeType.Administrative, administrative.Change);
        Assert.Equal(["BETOS", "PRICE1"], administrative.Fields.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Cpt_samples_2025_to_2026_have_the_fixture_changes()
    {
        var diff = ReleaseDiff.Compare(Cpt(2025), Cpt(2026));

        Assert.Equal(new ChangeSummary(Added: 5, Deleted: 4, Revised: 8, Reactivated: 0, Administrative: 0, Purged: 0), diff.Summary);
        Assert.Equal(new DateOnly(2026, 1, 1), diff.Current.Effective);
    }
}
