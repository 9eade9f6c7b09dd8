using System.Text;
using CodeUpdates.Ingestion.Diff;
using CodeUpdates.Ingestion.Releases;

namespace CodeUpdates.Ingestion.Reports;

/// <summary>A change report for a person to read in a terminal or a wiki: counts, then every change.</summary>
public static class ChangeReportMarkdown
{
    public static string Render(ReleaseDiffResult diff)
    {
        var md = new StringBuilder();
        var system = diff.System.Name().ToUpperInvariant();
        md.AppendLine($"# {system} {diff.Current.Effective:yyyy-MM-dd}: {ChangeReportSubject.Counts(diff.Summary)}");
        md.AppendLine();
        md.AppendLine(diff.Prior is null
            ? $"First release of {system}: {diff.Current.Codes} codes from `{diff.Current.Source}`."
            : $"`{diff.Prior.Source}` ({diff.Prior.Effective:yyyy-MM-dd}, {diff.Prior.Codes} codes) → `{diff.Current.Source}` ({diff.Current.Effective:yyyy-MM-dd}, {diff.Current.Codes} codes)");
        md.AppendLine();
        md.AppendLine("| change | codes |");
        md.AppendLine("| --- | ---: |");
        foreach (var type in ChangeReportTable.Order)
        {
            md.AppendLine($"| {ChangeEntry.ChangeName(type)} | {diff.Summary.Count(type)} |");
        }

        foreach (var type in ChangeReportTable.Order)
        {
            var changes = diff.ChangesOf(type);
            if (changes.Count == 0)
            {
                continue;
            }

            md.AppendLine();
            md.AppendLine($"## {ChangeEntry.ChangeName(type)} ({changes.Count})");
            md.AppendLine();
            foreach (var change in changes)
            {
                md.AppendLine(Line(change));
            }
        }

        return md.ToString();
    }

    private static string Line(CodeChange change)
    {
        var text = Escape((change.After ?? change.Before)?.LongDescription ?? string.Empty);
        return change.Change switch
        {
            ChangeType.Deleted => $"- **{change.Code}** {text} — {DeletedDetail(change)}",
            ChangeType.Revised => $"- **{change.Code}** ({string.Join(", ", change.Fields)})" + string.Concat(change.TextRevisions.Select(Revision)),
            ChangeType.Administrative => $"- **{change.Code}** {string.Join("; ", change.FieldRevisions.Select(f => $"{f.Field}: {f.Before ?? "(blank)"} → {f.After ?? "(blank)"}"))}",
            _ => $"- **{change.Code}** {text}",
        };
    }

    private static string DeletedDetail(CodeChange change)
    {
        var detail = change.Reason == DeletionReason.Absent
            ? "no longer in the release"
            : $"terminated {change.TerminationDate:yyyy-MM-dd}" + (change.New ? " (added and ended since the prior release)" : string.Empty);
        return change.ReplacedBy.Count > 0 ? $"{detail}; use {string.Join(", ", change.ReplacedBy)}" : detail;
    }

    /// <summary>Removed words struck through, inserted words in bold.</summary>
    private static string Revision(TextRevision revision)
    {
        var words = string.Join(' ', revision.Words.Select(w => w.Change switch
        {
            WordChange.Removed => $"~~{Escape(w.Text)}~~",
            WordChange.Inserted => $"**{Escape(w.Text)}**",
            _ => Escape(w.Text),
        }));
        return $"\n  - {revision.Descriptor}: {words}";
    }

    private static string Escape(string text) =>
        TextNormalizer.Collapse(text).Replace("*", "\\*").Replace("~", "\\~").Replace("|", "\\|");
}
