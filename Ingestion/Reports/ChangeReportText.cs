using System.Globalization;
using System.Text;
using CodeUpdates.Ingestion.Diff;

namespace CodeUpdates.Ingestion.Reports;

/// <summary>
/// The plain-text alternative of the change report mail: the same content as
/// <see cref="ChangeReportHtml"/>, for clients that show text, and for filters that read it.
/// Word changes are marked as [-removed-] and {+inserted+}, the convention of git's word diff.
/// A row is "  CODE  text | column: value".
/// </summary>
public static class ChangeReportText
{
    /// <summary>Where a mail led by the recipient's code list goes on to the whole release.</summary>
    public const string WholeReleaseHeading = "The whole release";

    public static string Render(ReleaseDiffResult diff, Uri? releasePage = null) =>
        Render(ChangeReport.Build(diff, ReportDetail.Mail, releasePage));

    public static string Render(ChangeReport report)
    {
        var text = new StringBuilder();
        text.AppendLine(report.Heading);
        text.AppendLine();
        if (report.CodeList is { } impact)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{impact.Sentence}.");
            foreach (var section in impact.Sections)
            {
                Section(text, section, report.ReleasePage);
            }

            Heading(text, WholeReleaseHeading);
        }

        foreach (var paragraph in report.Introduction)
        {
            text.AppendLine(paragraph);
        }

        if (report.IsInitialLoad)
        {
            return text.ToString();
        }

        Heading(text, "Summary");
        foreach (var count in report.Counts)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {count.Name,-15}{count.Codes,6}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"  {"total",-15}{report.Total,6}");
        if (report.ReleasePage is { } page)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"Every change, with filters and downloads: {page.AbsoluteUri}");
        }

        foreach (var section in report.Sections)
        {
            Section(text, section, report.ReleasePage);
        }

        return text.ToString();
    }

    private static void Section(StringBuilder text, ReportSection section, Uri? releasePage)
    {
        Heading(text, section.HasWordMarks ? $"{section.Title} ([-removed-] {{+inserted+}})" : section.Title);
        if (section.Note is { } note)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {note}");
        }

        foreach (var row in section.Rows)
        {
            text.Append("  ").Append(Runs(row[0]));
            if (row.Count > 1)
            {
                text.Append("  ").Append(Runs(row[1]));
            }

            for (var i = 2; i < row.Count; i++)
            {
                if (!row[i].IsEmpty)
                {
                    text.Append(" | ").Append(section.Columns[i].ToLowerInvariant()).Append(": ").Append(Runs(row[i]));
                }
            }

            text.AppendLine();
        }

        if (section.Omitted > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  ... and {section.Omitted} more: see the attached spreadsheet{(releasePage is null ? string.Empty : " or the release's page")}.");
        }
    }

    private static string Runs(ReportCell cell) => string.Join(" ", cell.Runs.Select(run => run.Mark switch
    {
        Mark.Removed => $"[-{run.Text}-]",
        Mark.Inserted => $"{{+{run.Text}+}}",
        Mark.Flag => run.Text.ToUpperInvariant(),
        _ => run.Text,
    }));

    private static void Heading(StringBuilder text, string title)
    {
        text.AppendLine();
        text.AppendLine(title);
        text.AppendLine(new string('-', title.Length));
    }
}
