using CodeUpdates.Ingestion.Diff;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.ReleaseFiles.Cpt;
using CodeUpdates.Tests.ReleaseFiles;

namespace CodeUpdates.Tests.Diff;

/// <summary>The invented CPT 2025 → 2026 fixtures: the diff is exactly the change list in samples/cpt/README.md.</summary>
public sealed class CptDiffTests
{
    private static readonly string[] Added = ["0004F", "0004U", "0045T", "10030", "99216"];
    private static readonly string[] Deleted = ["0003F", "0044T", "20040", "50100"];
    private static readonly string[] WhitespaceOnly = ["20030", "40070", "60110", "70120", "0001F", "99213"];

    /// <summary>Revised codes and the descriptors the README lists for each, in the order the release carries them.</summary>
    private static readonly Dictionary<string, string[]> Revised = new(StringComparer.Ordinal)
    {
        ["10010"] = [DescriptorKind.Long, DescriptorKind.Medium, DescriptorKind.Short],
        ["30050"] = [DescriptorKind.Long],
        ["0042T"] = [DescriptorKind.Long],
        ["0002U"] = [DescriptorKind.Long, DescriptorKind.Consumer],
        ["50090"] = [DescriptorKind.Medium],
        ["40080"] = [DescriptorKind.Short],
        ["90140"] = [DescriptorKind.Consumer],
        ["99214"] = [DescriptorKind.Clinician],
    };

    public static TheoryData<string> Forms2026() => ["text files", "csv", "xlsx", "zip"];

    [Theory]
    [MemberData(nameof(Forms2026))]
    public void The_diff_is_exactly_the_fixture_readme_list(string form)
    {
        var diff = ReleaseDiff.Compare(Snapshot(2025, CptReleaseReader.Read(CptFixtures.TextMembers(2025))), Release2026(form));

        Assert.Equal(26, diff.Prior!.Codes);
        Assert.Equal(27, diff.Current.Codes);
        Assert.Equal(new ChangeSummary(Added: 5, Deleted: 4, Revised: 8, Reactivated: 0, Administrative: 0, Purged: 0), diff.Summary);
        Assert.Equal(Added.Order(StringComparer.Ordinal), Codes(diff, ChangeType.Added));
        Assert.Equal(Deleted.Order(StringComparer.Ordinal), Codes(diff, ChangeType.Deleted));
        Assert.All(diff.Changes.Where(c => c.Change == ChangeType.Deleted), c =>
        {
            Assert.Equal(DeletionReason.Absent, c.Reason);
            Assert.False(c.New);
        });

        var revised = diff.Changes.Where(c => c.Change == ChangeType.Revised).ToDictionary(c => c.Code, StringComparer.Ordinal);
        Assert.Equal(Revised.Keys.Order(StringComparer.Ordinal), revised.Keys.Order(StringComparer.Ordinal));
        foreach (var (code, descriptors) in Revised)
        {
            Assert.True(descriptors.Order(StringComparer.Ordinal).SequenceEqual(revised[code].Fields.Order(StringComparer.Ordinal)), $"{code}: {string.Join(",", revised[code].Fields)}");
            Assert.Equal(revised[code].Fields, revised[code].TextRevisions.Select(t => t.Descriptor));
        }

        Assert.DoesNotContain(diff.Changes, c => WhitespaceOnly.Contains(c.Code));
    }

    [Fact]
    public void Only_the_second_clinician_descriptor_of_99214_changes_words()
    {
        var diff = ReleaseDiff.Compare(Snapshot(2025, CptReleaseReader.Read(CptFixtures.TextMembers(2025))), Release2026("text files"));

        var revision = Assert.Single(Assert.Single(diff.Changes, c => c.Code == "99214").TextRevisions);
        Assert.Equal(DescriptorKind.Clinician, revision.Descriptor);
        var beforeLines = revision.Before.Split('\n');
        var afterLines = revision.After.Split('\n');
        Assert.Equal(2, afterLines.Length);
        Assert.Equal(beforeLines[0], afterLines[0]);
        Assert.NotEqual(beforeLines[1], afterLines[1]);
        Assert.Contains(revision.Words, w => w.Change == WordChange.Removed);
        Assert.Contains(revision.Words, w => w.Change == WordChange.Inserted);
    }

    [Fact]
    public void A_longult_only_release_is_compared_on_the_long_descriptor_alone()
    {
        var prior = Snapshot(2025, CptReleaseReader.Read(CptFixtures.TextMembers(2025)));
        var current = Snapshot(2026, CptReleaseReader.Read([CptFixtures.Member(2026, "LONGULT.txt")]));

        var diff = ReleaseDiff.Compare(prior, current);

        Assert.Equal(["0002U", "0042T", "10010", "30050"], Codes(diff, ChangeType.Revised).Order(StringComparer.Ordinal));
        Assert.All(diff.Changes.Where(c => c.Change == ChangeType.Revised), c => Assert.Equal([DescriptorKind.Long], c.Fields));
        Assert.Equal(Added.Order(StringComparer.Ordinal), Codes(diff, ChangeType.Added));
        Assert.Equal(Deleted.Order(StringComparer.Ordinal), Codes(diff, ChangeType.Deleted));
        Assert.Equal(new ChangeSummary(Added: 5, Deleted: 4, Revised: 4, Reactivated: 0, Administrative: 0, Purged: 0), diff.Summary);
    }

    private static ReleaseSnapshot Release2026(string form) => form switch
    {
        "text files" => Snapshot(2026, CptReleaseReader.Read(CptFixtures.TextMembers(2026))),
        "csv" => Snapshot(2026, CptReleaseReader.Read([CptFixtures.Csv2026])),
        "xlsx" => Snapshot(2026, CptReleaseReader.Read([new ReleaseMember("cpt/2026/descriptors.xlsx", CptFixtures.Xlsx2026())])),
        _ => ReleaseReader.Read(new ReleaseFile("cpt/2026/CPT 2026.zip", CptFixtures.Zip(2026))),
    };

    private static ReleaseSnapshot Snapshot(int year, ReleaseContent content) =>
        new(new ReleaseIdentity(CodeSystem.Cpt, new DateOnly(year, 1, 1), $"cpt/{year}", new string('0', 64)), content.DescriptorKinds, content.Codes);

    private static string[] Codes(ReleaseDiffResult diff, ChangeType type) =>
        diff.Changes.Where(c => c.Change == type).Select(c => c.Code).ToArray();
}
