using CodeUpdates.Ingestion.Diff;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Tests.Support;
using static CodeUpdates.Tests.Support.HcpcsTestData;

namespace CodeUpdates.Tests.Diff;

/// <summary>The diff rules on real CMS ANWEB releases (../shared/data/cms-hcpcs), with counts measured once and checked by hand.</summary>
public sealed class CmsDiffTests
{
    private static readonly Lazy<ReleaseDiffResult> Txt2018To2019 = new(() => Compare(Txt2018, Txt2019));
    private static readonly Lazy<ReleaseDiffResult> Xlsx2018To2019 = new(() => Compare(Xlsx2018, Xlsx2019));
    private static readonly Lazy<ReleaseDiffResult> Txt2017To2018 = new(() => Compare(Txt2017, Txt2018));

    [Fact]
    public void January_2018_to_2019_counts_match_the_measured_figures()
    {
        var diff = Txt2018To2019.Value;

        Assert.Equal(new ChangeSummary(Added: 228, Deleted: 52, Revised: 122, Reactivated: 0, Administrative: 52, Purged: 0), diff.Summary);
        Assert.Equal(diff.Changes.Count, diff.Changes.Select(c => c.Code).Distinct().Count());
        var deleted = diff.Changes.Where(c => c.Change == ChangeType.Deleted).ToArray();
        Assert.Equal(33, deleted.Count(c => c.Reason == DeletionReason.Terminated && !c.New));
        Assert.Equal(16, deleted.Count(c => c.Reason == DeletionReason.Terminated && c.New));
        Assert.Equal(["DA", "G9976", "G9977"], deleted.Where(c => c.Reason == DeletionReason.Absent).Select(c => c.Code));
    }

    [Fact]
    public void An_added_code_is_new_in_2019_without_a_termination_date()
    {
        // A4563 is not in the 2018 file; 2019 has it on a 3 record and a 4 continuation line.
        var change = Single(Txt2018To2019.Value, "A4563");

        Assert.Equal(ChangeType.Added, change.Change);
        Assert.Null(change.Before);
        Assert.Null(change.TerminationDate);
        Assert.Equal("Rectal control system for vaginal insertion, for long term use, includes pump and all supplies and accessories, any type each", change.After!.LongDescription);
    }

    [Fact]
    public void A_terminated_code_names_its_replacement_from_XREF1()
    {
        // 2019: C8904 ... XREF1 77046 ... TERM DT 20181231; 2018 gave no TERM DT.
        var change = Single(Txt2018To2019.Value, "C8904");

        Assert.Equal(ChangeType.Deleted, change.Change);
        Assert.Equal(DeletionReason.Terminated, change.Reason);
        Assert.False(change.New);
        Assert.Equal(new DateOnly(2018, 12, 31), change.TerminationDate);
        Assert.Equal(["77046"], change.ReplacedBy);
    }

    [Fact]
    public void A_revised_code_marks_the_removed_and_inserted_words()
    {
        // A5513's 4 line: "durometer or higher)" in 2018, "durometer (or higher)" in 2019.
        var change = Single(Txt2018To2019.Value, "A5513");

        Assert.Equal(ChangeType.Revised, change.Change);
        Assert.Equal([DescriptorKind.Long], change.Fields);
        var words = Assert.Single(change.TextRevisions).Words;
        Assert.Contains(new WordRun(WordChange.Removed, "or"), words);
        Assert.Contains(new WordRun(WordChange.Inserted, "(or"), words);
        Assert.EndsWith("durometer", words[0].Text, StringComparison.Ordinal);
        Assert.Equal(WordChange.Unchanged, words[0].Change);
    }

    [Fact]
    public void January_2017_to_2018_purges_107_codes_ended_in_2017_and_deletes_none_of_them()
    {
        var diff = Txt2017To2018.Value;
        var prior = Read(Txt2017).ByCode();

        var purged = diff.Changes.Where(c => c.Change == ChangeType.Purged).Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(107, purged.Count);
        Assert.Equal(107, diff.Summary.Purged);
        Assert.DoesNotContain(diff.Changes, c => c.Change == ChangeType.Deleted && purged.Contains(c.Code));
        Assert.All(purged, code => Assert.NotNull(prior[code].TerminationDate));
        Assert.Equal(new ChangeSummary(Added: 154, Deleted: 43, Revised: 79, Reactivated: 0, Administrative: 74, Purged: 107), diff.Summary);
    }

    [Fact]
    public void The_xlsx_files_give_the_same_added_deleted_and_revised_codes_as_the_txt()
    {
        var txt = Txt2018To2019.Value;
        var xlsx = Xlsx2018To2019.Value;

        foreach (var type in new[] { ChangeType.Added, ChangeType.Deleted, ChangeType.Revised, ChangeType.Reactivated, ChangeType.Purged })
        {
            Assert.Equal(Codes(txt, type), Codes(xlsx, type));
        }

        Assert.Equal(
            txt.Changes.Where(c => c.Change == ChangeType.Revised).Select(c => $"{c.Code}:{string.Join(",", c.Fields)}"),
            xlsx.Changes.Where(c => c.Change == ChangeType.Revised).Select(c => $"{c.Code}:{string.Join(",", c.Fields)}"));

        // CMS's 2019 workbook gives TOS4 "R" for E0210 and E0776 where its .txt leaves TOS4 blank (see
        // HcpcsCmsFilesTests: TOS4=2); everything else administrative agrees.
        Assert.Equal(54, xlsx.Summary.Administrative);
        Assert.Equal(["E0210", "E0776"], Codes(xlsx, ChangeType.Administrative).Except(Codes(txt, ChangeType.Administrative)));
        Assert.Empty(Codes(txt, ChangeType.Administrative).Except(Codes(xlsx, ChangeType.Administrative)));
        Assert.All(["E0210", "E0776"], code => Assert.Equal(["TOS4"], Single(xlsx, code).Fields));
    }

    private static ReleaseDiffResult Compare(string prior, string current) =>
        ReleaseDiff.Compare(Snapshot(prior), Snapshot(current));

    private static ReleaseSnapshot Snapshot(string relative) =>
        ReleaseReader.Read(new ReleaseFile(relative, File.ReadAllBytes(RepoPaths.Cms(relative))));

    private static CodeChange Single(ReleaseDiffResult diff, string code) => Assert.Single(diff.Changes, c => c.Code == code);

    private static string[] Codes(ReleaseDiffResult diff, ChangeType type) =>
        diff.Changes.Where(c => c.Change == type).Select(c => c.Code).ToArray();
}
