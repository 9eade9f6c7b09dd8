using System.Globalization;
using System.Text;
using CodeUpdates.Ingestion.Answers;
using CodeUpdates.Ingestion.Diff;

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
    private const string Flag = "background:#fe9;padding:0 4px;font-weight:bold;";
    private const string Label = "color:#666;";
    private const string H2 = "font-size:17px;margin:24px 0 8px 0;";

    /// <summary>The mail's HTML part: the first changes of each kind, and a link to the release's page when there is one.</summary>
    public static string Render(ReleaseDiffResult diff, Uri? releasePage = null) =>
        Render(ChangeReport.Build(diff, ReportDetail.Mail, releasePage));

    public static string Render(ChangeReport report)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">");
        html.Append("<title>").Append(HtmlEncode(report.Subject)).Append("</title></head>");
        html.Append("<body style=\"margin:0;padding:0;background:#fff;\">");
        html.Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\"><tr><td align=\"center\" style=\"padding:16px;\">");
        html.Append($"<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"max-width:960px;{Font}\"><tr><td style=\"{Font}\">");
        html.Append("<h1 style=\"font-size:21px;margin:0 0 8px 0;\">").Append(HtmlEncode(report.Heading)).Append("</h1>");
        if (report.CodeList is { } impact)
        {
            CodeListLead(html, impact, report.ReleasePage);
        }

        foreach (var paragraph in report.Introduction)
        {
            Paragraph(html, HtmlEncode(paragraph));
        }

        if (!report.IsInitialLoad)
        {
            Summary(html, report);
            foreach (var section in report.Sections)
            {
                Section(html, section, report.ReleasePage);
            }
        }

        html.Append("</td></tr></table></td></tr></table></body></html>");
        return html.ToString();
    }

    /// <summary>The recipient's own codes first, then the whole release under a heading of its own.</summary>
    private static void CodeListLead(StringBuilder html, CodeListImpact impact, Uri? releasePage)
    {
        html.Append("<p style=\"margin:0 0 12px 0;font-size:16px;\"><strong>").Append(HtmlEncode(impact.Sentence)).Append(".</strong></p>");
        foreach (var section in impact.Sections)
        {
            Section(html, section, releasePage);
        }

        Heading(html, ChangeReportText.WholeReleaseHeading);
    }

    private static void Summary(StringBuilder html, ChangeReport report)
    {
        Heading(html, "Summary");
        TableStart(html, ["Change", "Codes"]);
        foreach (var count in report.Counts)
        {
            html.Append("<tr>").Append(Cell(count.Name)).Append(Cell(count.Codes.ToString(CultureInfo.InvariantCulture))).Append("</tr>");
        }

        html.Append($"<tr><td style=\"{Td}font-weight:bold;\">total</td><td style=\"{Td}font-weight:bold;\">{report.Total.ToString(CultureInfo.InvariantCulture)}</td></tr>");
        html.Append("</table>");
        if (report.ReleasePage is { } page)
        {
            Paragraph(html, $"Every change, with filters and downloads: {Link(page)}");
        }
    }

    private static void Section(StringBuilder html, ReportSection section, Uri? releasePage)
    {
        Heading(html, section.Title);
        if (section.Note is { } note)
        {
            Paragraph(html, HtmlEncode(note));
        }

        if (section.HasWordMarks)
        {
            html.Append($"<p style=\"margin:0 0 8px 0;\">Removed words are <del style=\"{Del}\">struck through</del>, inserted words <ins style=\"{Ins}\">underlined</ins>.</p>");
        }

        if (section.Rows.Count > 0)
        {
            TableStart(html, section.Columns);
            foreach (var row in section.Rows)
            {
                html.Append("<tr>");
                for (var i = 0; i < row.Count; i++)
                {
                    // The first column is the code: monospace, never wrapped.
                    html.Append($"<td style=\"{(i == 0 && section.Columns[0] == "Code" ? Code : Td)}\">").Append(Runs(row[i])).Append("</td>");
                }

                html.Append("</tr>");
            }

            html.Append("</table>");
        }

        if (section.Omitted > 0)
        {
            var where = releasePage is null ? "the attached spreadsheet" : $"the attached spreadsheet and {Link(releasePage)}";
            Paragraph(html, $"… and {section.Omitted.ToString(CultureInfo.InvariantCulture)} more: {where}.");
        }
    }

    private static string Runs(ReportCell cell) => string.Join(" ", cell.Runs.Select(run => run.Mark switch
    {
        Mark.Removed => $"<del style=\"{Del}\">{HtmlEncode(run.Text)}</del>",
        Mark.Inserted => $"<ins style=\"{Ins}\">{HtmlEncode(run.Text)}</ins>",
        Mark.Flag => $"<span style=\"{Flag}\">{HtmlEncode(run.Text)}</span>",
        Mark.Label => $"<span style=\"{Label}\">{HtmlEncode(run.Text)}</span>",
        _ => HtmlEncode(run.Text),
    }));

    private static string Link(Uri page) => $"<a href=\"{HtmlEncode(page.AbsoluteUri)}\">{HtmlEncode(page.AbsoluteUri)}</a>";

    private static void Heading(StringBuilder html, string text) =>
        html.Append($"<h2 style=\"{H2}\">").Append(HtmlEncode(text)).Append("</h2>");

    /// <param name="encoded">Already escaped.</param>
    private static void Paragraph(StringBuilder html, string encoded) =>
        html.Append("<p style=\"margin:0 0 12px 0;\">").Append(encoded).Append("</p>");

    private static void TableStart(StringBuilder html, IReadOnlyList<string> headers)
    {
        html.Append($"<table cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"{Table}\"><tr>");
        foreach (var header in headers)
        {
            html.Append($"<th style=\"{Th}\">").Append(HtmlEncode(header)).Append("</th>");
        }

        html.Append("</tr>");
    }

    private static string Cell(string text) => $"<td style=\"{Td}\">{HtmlEncode(text)}</td>";

    /// <summary>HTML-encoded, without the characters XML 1.0 cannot carry: a mail client may read the body as XHTML.</summary>
    private static string HtmlEncode(string? text) => System.Net.WebUtility.HtmlEncode(text is null ? null : XmlChars.Clean(text)) ?? string.Empty;
}
