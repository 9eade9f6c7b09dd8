using System.Globalization;
using System.Text;
using CodeUpdates.Ingestion.Diff;
using CodeUpdates.Ingestion.Releases;

namespace CodeUpdates.Ingestion.Reports;

/// <summary>
/// The plain-text alternative of the change report mail: the same content as
/// <see cref="ChangeReportHtml"/>, for clients that show text, and for filters that read it.
/// Word changes are marked as [-removed-] and {+inserted+}, the convention of git's word diff.
/// </summary>
public static class ChangeReportText
{
    public static string Render(ReleaseDiffResult diff)
    {
        var text = new StringBuilder();
        var system = diff.System.Name().ToUpperInvariant();
        text.AppendLine(CultureInfo.InvariantCulture, $"{system} release effective {IsoDate.Format(diff.Current.Effective)}");
        text.AppendLine();
        if (diff.Prior is null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Initial load: {diff.Current.Codes.ToString("N0", CultureInfo.InvariantCulture)} codes from {diff.Current.Source}.");
            text.AppendLine("This is the first release of the code system, so there is no earlier release to compare with; the next release's report lists its changes.");
            return text.ToString();
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"Compared with the release effective {IsoDate.Format(diff.Prior.Effective)} ({diff.Prior.Source}). Source: {diff.Current.Source}.");
        text.AppendLine("The attached spreadsheet lists every change, one sheet per kind.");
        Heading(text, "Summary");
        foreach (var type in ChangeReportTable.Order)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {ChangeEntry.ChangeName(type),-15}{diff.Summary.Count(type),6}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"  {"total",-15}{diff.Summary.Total,6}");

        Section(text, diff, ChangeType.Added, "Added", c => $"  {c.Code}  {c.After?.LongDescription}");
        Section(text, diff, ChangeType.Deleted, "Deleted", Deleted);
        Section(text, diff, ChangeType.Revised, "Revised ([-removed-] {+inserted+})", Revised);
        Section(text, diff, ChangeType.Reactivated, "Reactivated", c =>
            $"  {c.Code}  {c.After?.LongDescription} (was terminated on {(c.Before?.TerminationDate is { } d ? IsoDate.Format(d) : "?")})");

        var administrative = diff.ChangesOf(ChangeType.Administrative);
        if (administrative.Count > 0)
        {
            Heading(text, $"Administrative changes ({administrative.Count} codes)");
            foreach (var (field, count) in FieldCounts(administrative))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {field}: {count} codes");
            }
        }

        if (diff.Summary.Purged > 0)
        {
            Heading(text, $"Purged ({diff.Summary.Purged})");
            text.AppendLine(CultureInfo.InvariantCulture, $"  {diff.Summary.Purged} codes that ended years ago were dropped from the file by CMS. They are not deletions; the spreadsheet lists them.");
        }

        return text.ToString();
    }

    /// <summary>How many codes changed in each administrative field, most first.</summary>
    public static IReadOnlyList<(string Field, int Count)> FieldCounts(IEnumerable<CodeChange> changes) =>
        changes.SelectMany(c => c.Fields.Distinct())
            .GroupBy(f => f, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Count()))
            .OrderByDescending(x => x.Item2).ThenBy(x => x.Key, StringComparer.Ordinal)
            .ToArray();

    private static string Deleted(CodeChange c)
    {
        var line = new StringBuilder($"  {c.Code}  {(c.After ?? c.Before)?.LongDescription}");
        line.Append(c.Reason == DeletionReason.Absent ? " | missing from this release" : " | terminated");
        if (c.TerminationDate is { } d)
        {
            line.Append(CultureInfo.InvariantCulture, $", last valid day {IsoDate.Format(d)}");
        }

        if (c.ReplacedBy.Count > 0)
        {
            line.Append(CultureInfo.InvariantCulture, $" | use instead: {string.Join(" ", c.ReplacedBy)}");
        }

        if (c.New)
        {
            line.Append(" | NEW (added and ended since the last release)");
        }

        return line.ToString();
    }

    private static string Revised(CodeChange c)
    {
        var lines = c.TextRevisions.Select(r =>
            $"  {c.Code}  {r.Descriptor}: " + string.Join(" ", r.Words.Select(w => w.Change switch
            {
                WordChange.Removed => $"[-{w.Text}-]",
                WordChange.Inserted => $"{{+{w.Text}+}}",
                _ => w.Text,
            })));
        return string.Join(Environment.NewLine, lines);
    }

    private static void Section(StringBuilder text, ReleaseDiffResult diff, ChangeType type, string title, Func<CodeChange, string> line)
    {
        var changes = diff.ChangesOf(type);
        if (changes.Count == 0)
        {
            return;
        }

        Heading(text, $"{title} ({changes.Count})");
        foreach (var change in changes)
        {
            text.AppendLine(line(change));
        }
    }

    private static void Heading(StringBuilder text, string title)
    {
        text.AppendLine();
        text.AppendLine(title);
        text.AppendLine(new string('-', title.Length));
    }
}
