using CodeUpdates.Ingestion.Diff;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Tests.Support;
using Xunit;

namespace CodeUpdates.Tests.ReleaseFiles;

/// <summary>
/// The invented HCPCS releases under Tests/Fixtures/hcpcs (codes no CMS release has, the real
/// fixed-width layout) must read and diff to exactly the changes make-hcpcs-fixtures.py describes.
/// They are test fixtures only: the run command drops CMS's real files (samples/hcpcs).
/// </summary>
public class InventedHcpcsFixtureTests
{
    private static ReleaseSnapshot Hcpcs(string month) =>
        ReleaseReader.Read(new ReleaseFile($"hcpcs/HCPC2025_{month}_ANWEB.txt", File.ReadAllBytes(RepoPaths.Fixture($"hcpcs/HCPC2025_{month}_ANWEB.txt"))));

    private static CodeChange Change(ReleaseDiffResult diff, string code) => Assert.Single(diff.Changes, c => c.Code == code);

    [Fact]
    public void Invented_hcpcs_releases_read_with_their_dates_continuations_and_cp1252_text()
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
}
