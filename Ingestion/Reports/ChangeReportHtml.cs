using System.Globalization;
using System.Text;
using CodeUpdates.Ingestion.Diff;
using CodeUpdates.Ingestion.Releases;
using static System.Net.WebUtility;

namespace CodeUpdates.Ingestion.Reports;

/// <summary>
/// The change report as an HTML mail body. Mail clients (Outlook's Word engine, Gmail) drop
/// style sheets, classes and scripts, so the layout is tables with inline styles in a
/// max-width container; every text from a release is HTML-escaped, because descriptors can hold &lt;, &gt; and &amp;.
/// </summary>
public static class ChangeReportHtml
{
    private const string Font = "font-family:Segoe UI,Helvetica,Arial,sans-serif;font-size:14px;line-height:1.4;color:#222;";
    private const string Table = "border-collapse:collapse;width:100%;margin:0 0 16px 0;";
    private const string Th = "text-align:left;border-bottom:2px solid #888;padding:4px 8px;background:#f0f0f0;";
    private const string Td = "vertical-align:top;border-bottom:1px solid #ddd;padding:4px 8px;";
    private const string Code = "vertical-align:top;border-bottom:1px solid #ddd;padding:4px 8px;font-family:Consolas,Menlo,monospace;white-space:nowrap;";
    private const string Del = "background:#fdd;color:#900;text-decoration:line-through;";
    private const string Ins = "background:#dfd;color:#060;text-decoration:underline;";
    private const string H2 = "font-size:17px;margin:24px 0 8px 0;";

    public static string Render(ReleaseDiffResult diff)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">");
        html.Append("<title>").Append(HtmlEncode(ChangeReportSubject.For(diff))).Append("</title></head>");
        html.Append("<body style=\"margin:0;padding:0;background:#fff;\">");
        html.Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\"><tr><td align=\"center\" style=\"padding:16px;\">");
        html.Append($"<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"max-width:960px;{Font}\"><tr><td style=\"{Font}\">");

        var system = diff.System.Name().ToUpperInvariant();
        html.Append("<h1 style=\"font-size:21px;margin:0 0 8px 0;\">").Append(HtmlEncode($"{system} release effective {IsoDate.Format(diff.Current.Effective)}")).Append("</h1>");
        if (diff.Prior is null)
        {
            Paragraph(html, $"Initial load: {diff.Current.Codes.ToString("N0", CultureInfo.InvariantCulture)} codes from {diff.Current.Source}. " +
                "This is the first release of the code system, so there is no earlier release to compare with; the next release's report lists its changes.");
            Close(html);
            return html.ToString();
        }

        Paragraph(html, $"Compared with the release effective {IsoDate.Format(diff.Prior.Effective)} ({diff.Prior.Source}). Source: {diff.Current.Source}. " +
            "The attached spreadsheet lists every change, one sheet per kind.");

        Heading(html, "Summary");
        TableStart(html, "Change", "Codes");
        foreach (var type in ChangeReportTable.Order)
        {
            Row(html, Cell(ChangeEntry.ChangeName(type)), Cell(diff.Summary.Count(type).ToString(CultureInfo.InvariantCulture)));
        }

        Row(html, $"<td style=\"{Td}font-weight:bold;\">total</td>", $"<td style=\"{Td}font-weight:bold;\">{diff.Summary.Total.ToString(CultureInfo.InvariantCulture)}</td>");
        TableEnd(html);

        Added(html, diff.ChangesOf(ChangeType.Added));
        Deleted(html, diff.ChangesOf(ChangeType.Deleted));
        Revised(html, diff.ChangesOf(ChangeType.Revised));
        Reactivated(html, diff.ChangesOf(ChangeType.Reactivated));
        Administrative(html, diff.ChangesOf(ChangeType.Administrative));
        var purged = diff.Summary.Purged;
        if (purged > 0)
        {
            Heading(html, $"Purged ({purged})");
            Paragraph(html, $"{purged} codes that ended years ago were dropped from the file by CMS. They are not deletions; the spreadsheet lists them.");
        }

        Close(html);
        return html.ToString();
    }

    private static void Added(StringBuilder html, IReadOnlyList<CodeChange> changes)
    {
        if (changes.Count == 0)
        {
            return;
        }

        Heading(html, $"Added ({changes.Count})");
        TableStart(html, "Code", "Long description");
        foreach (var change in changes)
        {
            Row(html, CodeCell(change), Cell(change.After?.LongDescription));
        }

        TableEnd(html);
    }

    private static void Deleted(StringBuilder html, IReadOnlyList<CodeChange> changes)
    {
        if (changes.Count == 0)
        {
            return;
        }

        Heading(html, $"Deleted ({changes.Count})");
        TableStart(html, "Code", "Long description", "Last valid day", "Use instead", "Why");
        foreach (var change in changes)
        {
            var why = change.Reason == DeletionReason.Absent ? "missing from this release" : "terminated";
            var flag = change.New ? " <span style=\"background:#fe9;padding:0 4px;font-weight:bold;\">new</span> <span style=\"color:#666;\">(added and ended since the last release)</span>" : string.Empty;
            Row(html,
                CodeCell(change),
                Cell((change.After ?? change.Before)?.LongDescription),
                Cell(change.TerminationDate is { } d ? IsoDate.Format(d) : null),
                $"<td style=\"{Code}\">{HtmlEncode(string.Join(" ", change.ReplacedBy))}</td>",
                $"<td style=\"{Td}\">{HtmlEncode(why)}{flag}</td>");
        }

        TableEnd(html);
    }

    private static void Revised(StringBuilder html, IReadOnlyList<CodeChange> changes)
    {
        if (changes.Count == 0)
        {
            return;
        }

        Heading(html, $"Revised ({changes.Count})");
        html.Append($"<p style=\"margin:0 0 8px 0;\">Removed words are <del style=\"{Del}\">struck through</del>, inserted words <ins style=\"{Ins}\">underlined</ins>.</p>");
        TableStart(html, "Code", "Descriptor", "Before", "After");
        foreach (var change in changes)
        {
            foreach (var revision in change.TextRevisions)
            {
                Row(html,
                    CodeCell(change),
                    Cell(revision.Descriptor),
                    $"<td style=\"{Td}\">{Marked(revision.Words, WordChange.Removed)}</td>",
                    $"<td style=\"{Td}\">{Marked(revision.Words, WordChange.Inserted)}</td>");
            }
        }

        TableEnd(html);
    }

    private static void Reactivated(StringBuilder html, IReadOnlyList<CodeChange> changes)
    {
        if (changes.Count == 0)
        {
            return;
        }

        Heading(html, $"Reactivated ({changes.Count})");
        TableStart(html, "Code", "Long description", "Was terminated on");
        foreach (var change in changes)
        {
            Row(html, CodeCell(change), Cell(change.After?.LongDescription),
                Cell(change.Before?.TerminationDate is { } d ? IsoDate.Format(d) : null));
        }

        TableEnd(html);
    }

    private static void Administrative(StringBuilder html, IReadOnlyList<CodeChange> changes)
    {
        if (changes.Count == 0)
        {
            return;
        }

        // Pricing and coverage indicators change for many codes at once; a count per field
        // says what moved without burying the descriptor changes. The spreadsheet has every row.
        Heading(html, $"Administrative changes ({changes.Count} codes)");
        TableStart(html, "Field", "Codes changed");
        foreach (var (field, count) in ChangeReportText.FieldCounts(changes))
        {
            Row(html, Cell(field), Cell(count.ToString(CultureInfo.InvariantCulture)));
        }

        TableEnd(html);
    }

    /// <summary>One side of a word diff: unchanged words plus the side's own marked words.</summary>
    private static string Marked(IReadOnlyList<WordRun> words, WordChange side)
    {
        var parts = new List<string>();
        foreach (var run in words)
        {
            if (run.Change == WordChange.Unchanged)
            {
                parts.Add(HtmlEncode(run.Text));
            }
            else if (run.Change == side)
            {
                var (tag, style) = side == WordChange.Removed ? ("del", Del) : ("ins", Ins);
                parts.Add($"<{tag} style=\"{style}\">{HtmlEncode(run.Text)}</{tag}>");
            }
        }

        return string.Join(" ", parts);
    }

    private static void Heading(StringBuilder html, string text) =>
        html.Append($"<h2 style=\"{H2}\">").Append(HtmlEncode(text)).Append("</h2>");

    private static void Paragraph(StringBuilder html, string text) =>
        html.Append("<p style=\"margin:0 0 12px 0;\">").Append(HtmlEncode(text)).Append("</p>");

    private static void TableStart(StringBuilder html, params string[] headers)
    {
        html.Append($"<table cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"{Table}\"><tr>");
        foreach (var header in headers)
        {
            html.Append($"<th style=\"{Th}\">").Append(HtmlEncode(header)).Append("</th>");
        }

        html.Append("</tr>");
    }

    private static void TableEnd(StringBuilder html) => html.Append("</table>");

    private static void Row(StringBuilder html, params string[] cells) =>
        html.Append("<tr>").AppendJoin(string.Empty, cells).Append("</tr>");

    private static string Cell(string? text) => $"<td style=\"{Td}\">{HtmlEncode(text ?? string.Empty)}</td>";

    private static string CodeCell(CodeChange change) => $"<td style=\"{Code}\">{HtmlEncode(change.Code)}</td>";

    private static void Close(StringBuilder html) => html.Append("</td></tr></table></td></tr></table></body></html>");
}
