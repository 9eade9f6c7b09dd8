using CodeUpdates.Ingestion.Diff;
using CodeUpdates.Ingestion.ReleaseFiles;

namespace CodeUpdates.Tests.Diff;

/// <summary>DESIGN.md "Diff semantics" row by row, on tiny invented records: one change per code, the first rule that matches wins.</summary>
public sealed class DiffRuleTests
{
    private static readonly DateOnly Ended = new(2018, 12, 31);
    private static readonly string[] HcpcsDescriptors = [DescriptorKind.Long, DescriptorKind.Short];

    [Fact]
    public void Added_is_in_R_not_in_P_and_without_a_termination_date()
    {
        var change = Only(Diff([], [Code("X0001")]));

        Assert.Equal(ChangeType.Added, change.Change);
        Assert.Null(change.Reason);
        Assert.False(change.New);
    }

    [Fact]
    public void A_code_terminated_in_R_that_P_gave_open_is_deleted_as_terminated()
    {
        var change = Only(Diff([Code("X0001")], [Code("X0001", term: Ended, xrefs: ["X0002"])]));

        Assert.Equal(ChangeType.Deleted, change.Change);
        Assert.Equal(DeletionReason.Terminated, change.Reason);
        Assert.False(change.New);
        Assert.Equal(Ended, change.TerminationDate);
        Assert.Equal(["X0002"], change.ReplacedBy);
    }

    [Fact]
    public void A_code_added_and_ended_between_the_releases_is_deleted_and_new()
    {
        var change = Only(Diff([], [Code("X0001", term: Ended)]));

        Assert.Equal(ChangeType.Deleted, change.Change);
        Assert.Equal(DeletionReason.Terminated, change.Reason);
        Assert.True(change.New);
    }

    [Fact]
    public void An_open_code_missing_from_R_is_deleted_as_absent()
    {
        var change = Only(Diff([Code("X0001")], []));

        Assert.Equal(ChangeType.Deleted, change.Change);
        Assert.Equal(DeletionReason.Absent, change.Reason);
        Assert.Null(change.After);
    }

    [Fact]
    public void A_terminated_code_missing_from_R_is_purged_never_deleted()
    {
        var diff = Diff([Code("X0001", term: Ended)], []);

        Assert.Equal(ChangeType.Purged, Only(diff).Change);
        Assert.Equal(new ChangeSummary(0, 0, 0, 0, 0, Purged: 1), diff.Summary);
    }

    [Fact]
    public void A_termination_date_in_P_and_none_in_R_is_reactivated()
    {
        var change = Only(Diff([Code("X0001", term: Ended)], [Code("X0001", longText: "Other words now")]));

        Assert.Equal(ChangeType.Reactivated, change.Change);
        Assert.Empty(change.TextRevisions);
    }

    [Fact]
    public void A_code_terminated_in_both_releases_with_the_same_fields_is_no_change()
    {
        Assert.Empty(Diff([Code("X0001", term: Ended)], [Code("X0001", term: Ended)]).Changes);
    }

    [Fact]
    public void First_rule_wins_a_terminated_code_whose_text_also_changed_is_deleted_not_revised()
    {
        var change = Only(Diff([Code("X0001")], [Code("X0001", longText: "Entirely new words", term: Ended)]));

        Assert.Equal(ChangeType.Deleted, change.Change);
        Assert.Equal(DeletionReason.Terminated, change.Reason);
        Assert.Empty(change.TextRevisions);
    }

    [Fact]
    public void First_rule_wins_a_revised_code_with_other_fields_changed_is_revised_not_administrative()
    {
        var change = Only(Diff([Code("X0001", admin: ("PRICE1", "10"))], [Code("X0001", shortText: "Other short", admin: ("PRICE1", "12"))]));

        Assert.Equal(ChangeType.Revised, change.Change);
        Assert.Equal([DescriptorKind.Short], change.Fields);
    }

    [Fact]
    public void Revised_lists_the_descriptors_that_differ()
    {
        var change = Only(Diff([Code("X0001")], [Code("X0001", longText: "Sample widget fitting, both sides", shortText: "Widget fit both")]));

        Assert.Equal(ChangeType.Revised, change.Change);
        Assert.Equal([DescriptorKind.Long, DescriptorKind.Short], change.Fields);
        Assert.Equal([DescriptorKind.Long, DescriptorKind.Short], change.TextRevisions.Select(t => t.Descriptor));
    }

    [Fact]
    public void Administrative_lists_the_other_fields_that_differ()
    {
        var change = Only(Diff(
            [Code("X0001", xrefs: ["X0002"], admin: [("PRICE1", "10"), ("BETOS", "D1A")])],
            [Code("X0001", xrefs: ["X0003"], admin: [("PRICE1", "12"), ("BETOS", "D1A"), ("COV", "C")])]));

        Assert.Equal(ChangeType.Administrative, change.Change);
        Assert.Equal(["XREF1", "COV", "PRICE1"], change.Fields);
        Assert.Equal(new FieldRevision("PRICE1", "10", "12"), Assert.Single(change.FieldRevisions, f => f.Field == "PRICE1"));
        Assert.Equal(new FieldRevision("COV", null, "C"), Assert.Single(change.FieldRevisions, f => f.Field == "COV"));
    }

    [Fact]
    public void Seqnum_action_code_and_action_effective_date_alone_are_no_change()
    {
        var before = Code("X0001", admin: [("SEQNUM", "00100"), ("ACTION CD", "N"), ("ACT EFF DT", "2018-01-01")]) with
        {
            SequenceNumber = 100,
            ActionCode = "N",
            ActionEffectiveDate = new DateOnly(2018, 1, 1),
        };
        var after = Code("X0001", admin: [("SEQNUM", "00200"), ("ACTION CD", "C"), ("ACT EFF DT", "2019-01-01")]) with
        {
            SequenceNumber = 200,
            ActionCode = "C",
            ActionEffectiveDate = new DateOnly(2019, 1, 1),
        };

        Assert.Empty(Diff([before], [after]).Changes);
    }

    [Fact]
    public void White_space_only_edits_are_no_change()
    {
        var after = Code("X0001", longText: "  Sample   widget\tfitting,\r\none side  ", shortText: "Widget  fit ");

        Assert.Empty(Diff([Code("X0001")], [after]).Changes);
    }

    [Fact]
    public void Blank_and_missing_administrative_values_are_the_same()
    {
        Assert.Empty(Diff([Code("X0001", admin: ("COV", "  "))], [Code("X0001")]).Changes);
    }

    [Fact]
    public void Descriptors_only_one_release_carries_are_not_compared()
    {
        var prior = Snapshot([DescriptorKind.Long, DescriptorKind.Short], Code("X0001"));
        var current = Snapshot([DescriptorKind.Long], new CodeRecord("X0001", CodeKind.Procedure, new Dictionary<string, string> { [DescriptorKind.Long] = "Sample widget fitting, one side" }));

        Assert.Empty(ReleaseDiff.Compare(prior, current).Changes);
    }

    [Fact]
    public void Every_code_gets_at_most_one_change_and_changes_are_sorted_by_code()
    {
        var diff = Diff(
            [Code("X0003"), Code("X0001", term: Ended), Code("X0002")],
            [Code("X0004"), Code("X0003", longText: "Different"), Code("X0002", term: Ended)]);

        Assert.Equal(["X0001", "X0002", "X0003", "X0004"], diff.Changes.Select(c => c.Code));
        Assert.Equal([ChangeType.Purged, ChangeType.Deleted, ChangeType.Revised, ChangeType.Added], diff.Changes.Select(c => c.Change));
        Assert.Equal(4, diff.Summary.Total);
    }

    [Fact]
    public void Word_diff_marks_removed_and_inserted_words_on_collapsed_text()
    {
        var words = WordDiff.Compare("Sample  widget fitting, one side", "Sample widget   fitting, both sides");

        Assert.Equal(
            [
                new WordRun(WordChange.Unchanged, "Sample widget fitting,"),
                new WordRun(WordChange.Removed, "one side"),
                new WordRun(WordChange.Inserted, "both sides"),
            ],
            words);
    }

    [Fact]
    public void Word_diff_keeps_the_unchanged_words_around_a_change()
    {
        var words = WordDiff.Compare("Hot water bottle, any type", "Hot fluid bottle, any type");

        Assert.Equal(
            [
                new WordRun(WordChange.Unchanged, "Hot"),
                new WordRun(WordChange.Removed, "water"),
                new WordRun(WordChange.Inserted, "fluid"),
                new WordRun(WordChange.Unchanged, "bottle, any type"),
            ],
            words);
    }

    [Fact]
    public void Word_diff_of_identical_collapsed_text_is_one_unchanged_run()
    {
        Assert.Equal([new WordRun(WordChange.Unchanged, "a b c")], WordDiff.Compare("a  b c ", "a b\tc"));
    }

    private static CodeRecord Code(
        string code,
        string longText = "Sample widget fitting, one side",
        string shortText = "Widget fit",
        DateOnly? term = null,
        string[]? xrefs = null,
        params (string Field, string Value)[] admin) =>
        new(
            code,
            CodeRecord.KindOf(code),
            new Dictionary<string, string> { [DescriptorKind.Long] = longText, [DescriptorKind.Short] = shortText },
            TerminationDate: term,
            CrossReferences: xrefs,
            Administrative: admin.ToDictionary(a => a.Field, a => a.Value, StringComparer.Ordinal));

    private static ReleaseDiffResult Diff(CodeRecord[] prior, CodeRecord[] current) =>
        ReleaseDiff.Compare(Snapshot(HcpcsDescriptors, prior), Snapshot(HcpcsDescriptors, current, 2019));

    private static ReleaseSnapshot Snapshot(string[] descriptors, CodeRecord code) => Snapshot(descriptors, [code]);

    private static ReleaseSnapshot Snapshot(string[] descriptors, CodeRecord[] codes, int year = 2018) =>
        new(new ReleaseIdentity(CodeSystem.Hcpcs, new DateOnly(year, 1, 1), $"invented {year}", new string('0', 64)), descriptors, codes);

    private static CodeChange Only(ReleaseDiffResult diff) => Assert.Single(diff.Changes);
}
