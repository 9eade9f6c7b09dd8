using System.Text;
using CodeUpdates.Ingestion.Diff;
using CodeUpdates.Ingestion.ReleaseFiles;

namespace CodeUpdates.Ingestion.Reports;

/// <summary>
/// A change report for a person to read in a terminal or a wiki: counts, then every change,
/// removed words struck through and inserted words in bold.
/// </summary>
public static class ChangeReportMarkdown
{
    public static string Render(ReleaseDiffResult diff) => Render(ChangeReport.Build(diff, ReportDetail.Full));

    public static string Render(ChangeReport report)
    {
        var md = new StringBuilder();
        md.AppendLine($"# {report.Subject}");
        md.AppendLine();
        md.AppendLine(Escape(string.Join(" ", report.Introduction)));
        if (report.IsInitialLoad)
        {
            return md.ToString();
        }

        md.AppendLine();
        md.AppendLine("| change | codes |");
        md.AppendLine("| --- | ---: |");
        foreach (var count in report.Counts)
        {
            md.AppendLine($"| {count.Name} | {count.Codes} |");
        }

        foreach (var section in report.Sections)
        {
            md.AppendLine();
            md.AppendLine($"## {ChangeEntry.ChangeName(section.Type)} ({section.Changes})");
            md.AppendLine();
            if (section.Note is { } note)
            {
                md.AppendLine(Escape(note));
            }

            foreach (var row in section.Rows)
            {
                md.Append("- **").Append(Runs(row[0])).Append("**");
                for (var i = 1; i < row.Count; i++)
                {
                    if (!row[i].IsEmpty)
                    {
                        md.Append(i == 1 ? " " : $"; {section.Columns[i].ToLowerInvariant()}: ").Append(Runs(row[i]));
                    }
                }

                md.AppendLine();
            }
        }

        return md.ToString();
    }

    private static string Runs(ReportCell cell) => string.Join(' ', cell.Runs.Select(run => run.Mark switch
    {
        Mark.Removed => $"~~{Escape(run.Text)}~~",
        Mark.Inserted or Mark.Flag => $"**{Escape(run.Text)}**",
        _ => Escape(run.Text),
    }));

    private static string Escape(string text) =>
        TextNormalizer.Collapse(text).Replace("*", "\\*").Replace("~", "\\~").Replace("|", "\\|");
}
