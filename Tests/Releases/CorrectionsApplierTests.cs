using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.ReleaseFiles.Hcpcs;
using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Tests.Support;

namespace CodeUpdates.Tests.Releases;

/// <summary>
/// CMS's 2018 and 2019 corrections documents applied to the real releases. Every expected text is read from the
/// document's own cells (<see cref="RawXlsxCells"/>) or from the 2017 release, never from what the applier returns.
/// </summary>
public sealed class CorrectionsApplierTests(CmsCorrectionFiles files) : IClassFixture<CmsCorrectionFiles>
{
    private static readonly string[] Revised = ["G0279", "G9367", "G9368", "G9481", "G9482", "G9483", "G9484", "G9485", "G9486", "G9487", "G9488", "G9489", "G9490"];
    private static readonly string[] Added = ["G9868", "G9869", "G9870"];
    private static readonly string[] Deleted = ["G9890", "G9891"];
    private static readonly string[] Reverted = ["G9637", "G9638"];
    private static readonly string[] WordsOnly = ["C9488", "C9745", "C9746", "C9747", "C9748", "G0499"];

    private readonly Lazy<CorrectedRelease> v4 = new(() => CorrectionsApplier.Apply(CmsCorrectionFiles.Document(CmsCorrectionFiles.V4), files.Release2018, files.Release2017));

    private static IReadOnlyDictionary<string, string> V4Cells => RawXlsxCells.FirstSheet(RepoPaths.Cms(CmsCorrectionFiles.V4));

    [Fact]
    public void V4_revises_the_texts_its_action_names_to_the_documents_own_text()
    {
        var cells = V4Cells;
        var corrected = v4.Value.Snapshot;
        foreach (var code in Revised)
        {
            var row = RawXlsxCells.RowOf(cells, code);
            var action = cells[$"B{row}"];
            var before = files.Release2018.Find(code)!;
            var after = corrected.Find(code)!;

            Assert.Equal(cells[$"E{row}"].Trim(), after.LongDescription);
            Assert.Equal(action.Contains("Short", StringComparison.Ordinal) ? cells[$"D{row}"].Trim() : before.ShortDescription, after.ShortDescription);
            Assert.False(TextNormalizer.SameText(before.LongDescription, after.LongDescription) && TextNormalizer.SameText(before.ShortDescription, after.ShortDescription), $"{code} is unchanged");

            // Only the descriptors change: dates, action code and every CMS field stay as the release gave them.
            Assert.Equal(HcpcsTestData.Describe(before with { Descriptors = after.Descriptors }), HcpcsTestData.Describe(after));
        }
    }

    [Fact]
    public void V4_adds_new_codes_with_the_lines_fields_and_its_effective_date()
    {
        var cells = V4Cells;
        foreach (var code in Added)
        {
            var row = RawXlsxCells.RowOf(cells, code);
            Assert.Null(files.Release2018.Find(code));
            var added = v4.Value.Snapshot.Find(code)!;

            Assert.Equal(cells[$"E{row}"].Trim(), added.LongDescription);
            Assert.Equal(cells[$"D{row}"].Trim(), added.ShortDescription);
            var effective = DateOnly.FromDateTime(DateTime.FromOADate(double.Parse(cells[$"C{row}"], System.Globalization.CultureInfo.InvariantCulture)));
            Assert.Equal(effective, added.AddDate);
            Assert.Null(added.TerminationDate);
            Assert.Equal(cells[$"F{row}"], added.Administrative["TOS1"]);
            Assert.Equal(cells[$"G{row}"], added.Administrative["BETOS"]);
            Assert.Equal(cells[$"H{row}"], added.Administrative["COV"]);
            Assert.Equal(cells[$"I{row}"], added.Administrative["PRICE1"]);
        }
    }

    [Fact]
    public void V4_takes_deleted_codes_out_of_the_release()
    {
        var cells = V4Cells;
        foreach (var code in Deleted)
        {
            Assert.Equal("DELETE", cells[$"B{RawXlsxCells.RowOf(cells, code)}"]);
            Assert.NotNull(files.Release2018.Find(code));
            Assert.Null(v4.Value.Snapshot.Find(code));
        }
    }

    [Fact]
    public void V4_reverts_codes_to_the_2017_release_text()
    {
        foreach (var code in Reverted)
        {
            var in2017 = files.Release2017.Find(code)!;
            var in2018 = files.Release2018.Find(code)!;
            var after = v4.Value.Snapshot.Find(code)!;

            Assert.False(TextNormalizer.SameText(in2017.LongDescription, in2018.LongDescription));
            Assert.Equal(in2017.LongDescription, after.LongDescription);
            Assert.Equal(in2017.ShortDescription, after.ShortDescription);
            Assert.Equal(in2018.AddDate, after.AddDate);
        }
    }

    [Fact]
    public void V4_lists_the_changes_stated_in_words_as_unapplied_with_their_text_and_leaves_every_other_code_as_it_was()
    {
        var cells = V4Cells;
        var corrections = v4.Value.Corrections;

        Assert.Equal(WordsOnly, corrections.Unapplied.Select(u => u.Code));
        Assert.Equal(corrections.Unapplied.Count, corrections.UnappliedCount);
        foreach (var line in corrections.Unapplied)
        {
            var row = RawXlsxCells.RowOf(cells, line.Code);
            Assert.Equal(row, line.Line);
            Assert.Equal(cells[$"B{row}"].Trim(), line.Action);
            Assert.Contains(cells[$"B{row}"].Trim(), line.Text, StringComparison.Ordinal);
            Assert.Contains("words only", line.Reason, StringComparison.Ordinal);
        }

        var lines = cells.Count(c => c.Key.StartsWith('A') && char.IsDigit(c.Key[1]) && int.Parse(c.Key[1..], System.Globalization.CultureInfo.InvariantCulture) > 4 && c.Value.Trim().Length > 0);
        Assert.Equal(lines - WordsOnly.Length, corrections.Applied);

        var named = Revised.Concat(Added).Concat(Deleted).Concat(Reverted).ToHashSet();
        var untouched = files.Release2018.Codes.Where(c => !named.Contains(c.Code)).Select(HcpcsTestData.Describe);
        Assert.Equal(untouched, v4.Value.Snapshot.Codes.Where(c => !named.Contains(c.Code)).Select(HcpcsTestData.Describe));
        Assert.Equal(files.Release2018.Codes.Count + Added.Length - Deleted.Length, v4.Value.Snapshot.Codes.Count);
    }

    [Fact]
    public void The_corrected_release_keeps_the_date_takes_the_documents_name_and_a_hash_of_its_content()
    {
        var again = CorrectionsApplier.Apply(CmsCorrectionFiles.Document(CmsCorrectionFiles.V4), files.Release2018, files.Release2017);
        var identity = v4.Value.Snapshot.Identity;

        Assert.Equal(files.Release2018.Identity.Effective, identity.Effective);
        Assert.Equal("hcpcs/V4_HCPC2018_Corrections_ANWEB.xlsx", identity.Source);
        Assert.Equal(identity.Sha256, again.Snapshot.Identity.Sha256);
        Assert.NotEqual(files.Release2018.Identity.Sha256, identity.Sha256);
        Assert.Equal(files.Release2018.Identity.Sha256, v4.Value.Corrections.CorrectsSha256);
    }

    [Fact]
    public void V1_to_V4_applied_in_turn_give_the_release_V4_gives_alone()
    {
        // Each document repeats the earlier ones' lines; V2's and V3's additions are withdrawn by V3 and V4.
        var release = files.Release2018;
        var afterV3 = release;
        foreach (var version in new[] { CmsCorrectionFiles.V1, CmsCorrectionFiles.V2, CmsCorrectionFiles.V3, CmsCorrectionFiles.V4 })
        {
            afterV3 = release;
            release = CorrectionsApplier.Apply(CmsCorrectionFiles.Document(version), release, files.Release2017).Snapshot;
        }

        Assert.NotNull(afterV3.Find("G9989"));
        Assert.Null(release.Find("G9989"));
        Assert.Equal(v4.Value.Snapshot.Identity.Sha256, release.Identity.Sha256);
        Assert.Equal(v4.Value.Snapshot.Codes.Select(HcpcsTestData.Describe), release.Codes.Select(HcpcsTestData.Describe));
    }

    [Fact]
    public void A_revert_without_the_named_years_release_is_listed_unapplied()
    {
        var corrected = CorrectionsApplier.Apply(CmsCorrectionFiles.Document(CmsCorrectionFiles.V4), files.Release2018, prior: null);

        Assert.Equal(files.Release2018.Find("G9637")!.LongDescription, corrected.Snapshot.Find("G9637")!.LongDescription);
        var reverts = corrected.Corrections.Unapplied.Where(u => Reverted.Contains(u.Code)).ToArray();
        Assert.Equal(Reverted, reverts.Select(u => u.Code));
        Assert.All(reverts, u => Assert.Equal("the line reverts to the 2017 description, and no 2017 release is loaded before the 2018 release", u.Reason));
    }

    [Fact]
    public void The_2019_corrections_add_their_codes_and_list_the_rest()
    {
        var cells = RawXlsxCells.FirstSheet(RepoPaths.Cms(CmsCorrectionFiles.Corrections2019));
        var corrected = CorrectionsApplier.Apply(CmsCorrectionFiles.Document(CmsCorrectionFiles.Corrections2019), files.Release2019, files.Release2018);
        var adds = cells.Where(c => c.Key.StartsWith('B') && c.Value.Trim() == "ADD CODE").Select(c => cells["A" + c.Key[1..]]).ToArray();

        Assert.Equal(["C1890", "J1095", "J2186", "J2787", "Q5111"], adds);
        foreach (var code in adds)
        {
            var row = RawXlsxCells.RowOf(cells, code);
            Assert.Null(files.Release2019.Find(code));
            Assert.Equal(cells[$"E{row}"].Trim(), corrected.Snapshot.Find(code)!.LongDescription);
            Assert.Equal(cells[$"D{row}"].Trim(), corrected.Snapshot.Find(code)!.ShortDescription);
        }

        // Q5111's EFF DATE is written "01/0/12019": no date, so the code is added as of the release's date.
        Assert.Equal(new DateOnly(2019, 1, 1), corrected.Snapshot.Find("Q5111")!.AddDate);
        Assert.Equal(["A5513", "B4105", "C9034", "C9468", "Q2026", "Q9994"], corrected.Corrections.Unapplied.Select(u => u.Code));
        Assert.Equal(files.Release2019.Codes.Count + adds.Length, corrected.Snapshot.Codes.Count);
    }
}
