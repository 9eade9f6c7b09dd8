using System.Globalization;
using CodeUpdates.Ingestion.Diff;
using CodeUpdates.Ingestion.ReleaseFiles;

namespace CodeUpdates.Ingestion.Reports;

/// <summary>
/// A release's change report as content: headings, counts, sections of rows and marked words.
/// Built once from a diff; the HTML, text and Markdown renderers only format it.
/// </summary>
public sealed record ChangeReport(
    string Subject,
    string Heading,
    IReadOnlyList<string> Introduction,
    IReadOnlyList<ReportCount> Counts,
    int Total,
    IReadOnlyList<ReportSection> Sections,
    Uri? ReleasePage)
{
    /// <summary>Rows per kind in a mail: with the 2019 HCPCS year the HTML part stays well under Gmail's 102 KB.</summary>
    public const int MailRowsPerKind = 20;

    /// <summary>Change types in the order reports present them.</summary>
    public static readonly IReadOnlyList<ChangeType> Order =
        [ChangeType.Added, ChangeType.Deleted, ChangeType.Revised, ChangeType.Reactivated, ChangeType.Administrative, ChangeType.Purged];

    /// <summary>The changes of the recipient's code list, shown before the whole report; null for a recipient without one.</summary>
    public CodeListImpact? CodeList { get; init; }

    /// <summary>An initial load has no changes to list, only the codes it brought.</summary>
    public bool IsInitialLoad => Counts.Count == 0;

    public static IReadOnlyList<ReportCount> CountsOf(ChangeSummary summary) =>
        Order.Select(t => new ReportCount(t, ChangeEntry.ChangeName(t), summary.Count(t))).ToArray();

    /// <summary>"FIELD: before → after", blank values shown as (blank).</summary>
    public static string FieldChange(string field, string? before, string? after) =>
        $"{field}: {before ?? "(blank)"} → {after ?? "(blank)"}";

    public static ChangeReport Build(ReleaseDiffResult diff, ReportDetail detail, Uri? releasePage = null)
    {
        var system = diff.System.Name().ToUpperInvariant();
        var heading = $"{system} release effective {IsoDate.Format(diff.Current.Effective)}";
        if (diff.InitialLoad)
        {
            return new ChangeReport(ChangeReportSubject.For(diff), heading,
            [
                $"Initial load: {diff.Current.Codes.ToString("N0", CultureInfo.InvariantCulture)} codes from {diff.Current.Source}.",
                "This is the first release of the code system, so there is no earlier release to compare with; the next release's report lists its changes.",
            ], [], 0, [], releasePage);
        }

        var introduction = new List<string>
        {
            $"Compared with the release effective {IsoDate.Format(diff.Prior.Effective)} ({diff.Prior.Source}, {diff.Prior.Codes} codes). Source: {diff.Current.Source} ({diff.Current.Codes} codes).",
        };
        introduction.AddRange(CmsEvidenceSentences.Of(diff));
        if (detail == ReportDetail.Mail)
        {
            introduction.Add("The attached spreadsheet lists every change, one sheet per kind.");
        }

        var limit = detail == ReportDetail.Mail ? MailRowsPerKind : int.MaxValue;
        var sections = new List<ReportSection>();
        foreach (var type in Order)
        {
            var changes = diff.ChangesOf(type);
            if (changes.Count > 0)
            {
                sections.Add(Section(type, changes, detail, limit));
            }
        }

        return new ChangeReport(ChangeReportSubject.For(diff), heading, introduction, CountsOf(diff.Summary), diff.Summary.Total, sections, releasePage);
    }

    /// <summary>
    /// This report led by what the release changed of a code list (<see cref="CodeList"/>): the diff's changes of those
    /// codes, every kind listed code by code (administrative and purged too: few codes, so no counts per field), cut per
    /// kind as a mail is. An initial load changes nothing, so it stays as it is.
    /// </summary>
    public ChangeReport WithCodeList(ReleaseDiffResult diff, IReadOnlyCollection<string> codes)
    {
        if (IsInitialLoad)
        {
            return this;
        }

        var listed = codes as IReadOnlySet<string> ?? codes.ToHashSet(StringComparer.Ordinal);
        var theirs = diff.Changes.Where(c => listed.Contains(c.Code)).ToArray();
        var sections = new List<ReportSection>();
        foreach (var type in Order)
        {
            var changes = theirs.Where(c => c.Change == type).ToArray();
            if (changes.Length > 0)
            {
                var section = Section(type, changes, ReportDetail.Full, MailRowsPerKind);
                sections.Add(section with { Title = CodeListImpact.SectionTitle(section) });
            }
        }

        return this with { CodeList = new CodeListImpact(theirs.Length, codes.Count, sections) };
    }

    private static ReportSection Section(ChangeType type, IReadOnlyList<CodeChange> changes, ReportDetail detail, int limit) => type switch
    {
        ChangeType.Added => Rows(type, $"Added ({changes.Count})", ["Code", "Long description"], changes, limit,
            c => [[Code(c), ReportCell.Text(c.After?.LongDescription)]]),
        ChangeType.Deleted => Rows(type, $"Deleted ({changes.Count})", ["Code", "Long description", "Last valid day", "Use instead", "Why"], changes, limit,
            c => [[Code(c), ReportCell.Text((c.After ?? c.Before)?.LongDescription), ReportCell.Text(IsoDate.Format(c.TerminationDate)),
                ReportCell.Text(string.Join(" ", c.ReplacedBy)), Why(c)]]),
        ChangeType.Revised => Rows(type, $"Revised ({changes.Count})", ["Code", "Change"], changes, limit,
            c => c.TextRevisions.Select(r => (IReadOnlyList<ReportCell>)[Code(c), ReportCell.Revision(r)])),
        ChangeType.Reactivated => Rows(type, $"Reactivated ({changes.Count})", ["Code", "Long description", "Was terminated on"], changes, limit,
            c => [[Code(c), ReportCell.Text(c.After?.LongDescription), ReportCell.Text(IsoDate.Format(c.Before?.TerminationDate))]]),
        ChangeType.Administrative when detail == ReportDetail.Mail => AdministrativeCounts(changes),
        ChangeType.Administrative => Rows(type, $"Administrative ({changes.Count})", ["Code", "Changes"], changes, limit,
            c => [[Code(c), ReportCell.Text(string.Join("; ", c.FieldRevisions.Select(f => FieldChange(f.Field, f.Before, f.After))))]]),
        _ when detail == ReportDetail.Mail => new ReportSection(type, $"Purged ({changes.Count})", changes.Count, [], [], 0,
            $"{changes.Count} codes that ended years ago were dropped from the file by CMS. They are not deletions; the spreadsheet lists them."),
        _ => Rows(type, $"Purged ({changes.Count})", ["Code", "Long description"], changes, limit,
            c => [[Code(c), ReportCell.Text(c.Before?.LongDescription)]]),
    };

    /// <summary>
    /// Pricing and coverage indicators change for many codes at once; a count per field says
    /// what moved without burying the descriptor changes. The spreadsheet has every row.
    /// </summary>
    private static ReportSection AdministrativeCounts(IReadOnlyList<CodeChange> changes)
    {
        var rows = changes.SelectMany(c => c.Fields.Distinct())
            .GroupBy(f => f, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (IReadOnlyList<ReportCell>)[ReportCell.Text(g.Key), ReportCell.Text(g.Count().ToString(CultureInfo.InvariantCulture))])
            .ToArray();
        return new ReportSection(ChangeType.Administrative, $"Administrative changes ({changes.Count} codes)", changes.Count, ["Field", "Codes changed"], rows, 0, null);
    }

    private static ReportSection Rows(
        ChangeType type, string title, IReadOnlyList<string> columns, IReadOnlyList<CodeChange> changes, int limit,
        Func<CodeChange, IEnumerable<IReadOnlyList<ReportCell>>> rows)
    {
        var shown = changes.Take(limit).ToArray();
        return new ReportSection(type, title, changes.Count, columns, shown.SelectMany(rows).ToArray(), changes.Count - shown.Length, null);
    }

    private static ReportCell Code(CodeChange change) => ReportCell.Text(change.Code);

    private static ReportCell Why(CodeChange change)
    {
        var why = new Run(change.Reason == DeletionReason.Absent ? "missing from this release" : "terminated");
        return change.New
            ? new ReportCell([why, new Run("new", Mark.Flag), new Run("(added and ended since the last release)")])
            : new ReportCell([why]);
    }
}
