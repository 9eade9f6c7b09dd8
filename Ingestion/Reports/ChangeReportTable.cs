using System.Globalization;
using System.Text;
using CodeUpdates.Ingestion.Diff;
using CodeUpdates.Ingestion.ReleaseFiles;

namespace CodeUpdates.Ingestion.Reports;

/// <summary>
/// The flat, one-row-per-change form of a diff that the .csv and .xlsx reports share.
/// </summary>
public static class ChangeReportTable
{
    public static readonly IReadOnlyList<string> Header =
    [
        "Code", "Kind", "Change", "Reason", "New", "Fields", "Termination date", "Replaced by",
        "Long description (before)", "Long description (after)", "Short description (before)", "Short description (after)",
        "Other changes",
    ];

    public static IReadOnlyList<string?> Row(CodeChange change) =>
    [
        change.Code,
        change.Kind.Name(),
        ChangeEntry.ChangeName(change.Change),
        change.Reason,
        change.New ? "yes" : null,
        string.Join(", ", change.Fields),
        IsoDate.Format(change.TerminationDate),
        string.Join(" ", change.ReplacedBy),
        change.Before?.LongDescription,
        change.After?.LongDescription,
        change.Before?.ShortDescription,
        change.After?.ShortDescription,
        OtherChanges(change),
    ];

    /// <summary>Descriptor changes other than long/short, and field changes, as "FIELD: before → after".</summary>
    private static string OtherChanges(CodeChange change)
    {
        var parts = change.TextRevisions
            .Where(t => t.Descriptor is not DescriptorKind.Long and not DescriptorKind.Short)
            .Select(t => ChangeReport.FieldChange(t.Descriptor, t.Before, t.After))
            .Concat(change.FieldRevisions.Select(f => ChangeReport.FieldChange(f.Field, f.Before, f.After)));
        return string.Join("; ", parts);
    }

    /// <summary>The full list as a workbook: a summary sheet, then a sheet per kind of change.</summary>
    public static async Task<byte[]> ToXlsxAsync(ReleaseDiffResult diff, CancellationToken cancellationToken)
    {
        var sheets = new List<XlsxSheet>
        {
            new("Summary", ["Change", "Codes"], ChangeReport.CountsOf(diff.Summary).Select(c => (IReadOnlyList<string?>)[c.Name, c.Codes.ToString(CultureInfo.InvariantCulture)])),
        };
        foreach (var type in ChangeReport.Order)
        {
            sheets.Add(new XlsxSheet(ChangeEntry.ChangeName(type), Header, diff.ChangesOf(type).Select(Row)));
        }

        using var workbook = new MemoryStream();
        await XlsxWriter.WriteAsync(workbook, sheets, cancellationToken);
        return workbook.ToArray();
    }

    /// <summary>
    /// The CSV as a file: UTF-8 with a byte order mark, without which Excel reads the file in the machine's
    /// legacy code page and shows accented text garbled.
    /// </summary>
    public static byte[] ToCsvFile(ReleaseDiffResult diff) => [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(ToCsv(diff))];

    public static string ToCsv(ReleaseDiffResult diff)
    {
        var csv = new StringBuilder();
        AppendCsvRow(csv, Header);
        foreach (var change in diff.Changes)
        {
            AppendCsvRow(csv, Row(change));
        }

        return csv.ToString();
    }

    private static void AppendCsvRow(StringBuilder csv, IReadOnlyList<string?> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                csv.Append(',');
            }

            csv.Append(CsvCell(cells[i]));
        }

        csv.Append("\r\n");
    }

    /// <summary>RFC 4180 quoting; a leading = + - @ gets an apostrophe so spreadsheet programs open it as text.</summary>
    public static string CsvCell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (XlsxWriter.NeedsQuotePrefix(value))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
