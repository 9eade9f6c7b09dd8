using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Reports;

namespace CodeUpdates.Ingestion.Spans;

/// <summary>A span's changes as the CSV and the .xlsx give them: one row a change, the fields of the JSON rows.</summary>
public static class SpanTable
{
    public static readonly IReadOnlyList<string> Header =
    [
        "Code", "Change", "Descriptors",
        "Valid on from", "Long description (from)", "Short description (from)",
        "Valid on to", "Long description (to)", "Short description (to)",
        "Valid to", "Replaced by",
    ];

    public static IReadOnlyList<string?> Row(SpanChange change) =>
    [
        change.Code,
        change.Change.Name(),
        string.Join(", ", change.Descriptors),
        YesNo(change.Before?.Valid),
        change.Before?.LongDescription,
        change.Before?.ShortDescription,
        YesNo(change.After?.Valid),
        change.After?.LongDescription,
        change.After?.ShortDescription,
        IsoDate.Format(change.ValidTo),
        string.Join(" ", change.ReplacedBy),
    ];

    /// <summary>The changes, then the counts, as a workbook.</summary>
    public static Task WriteXlsxAsync(SpanChanges changes, Stream destination, CancellationToken cancellationToken) =>
        XlsxWriter.WriteAsync(
            destination,
            [
                new XlsxSheet("Changes", Header, changes.Changes.Select(Row)),
                new XlsxSheet("Counts", ["Change", "Codes"], changes.Counts.Select(c => (IReadOnlyList<object?>)[c.Key, c.Value])),
            ],
            cancellationToken);

    public static Task WriteCsvAsync(SpanChanges changes, Stream destination, CancellationToken cancellationToken) =>
        CsvRows.WriteAsync(destination, Header, changes.Changes.Select(Row), cancellationToken);

    private static string? YesNo(bool? valid) => valid switch
    {
        true => "yes",
        false => "no",
        null => null,
    };
}
