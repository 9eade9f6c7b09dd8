using System.Text;
using CodeUpdates.Ingestion.Reports;

namespace CodeUpdates.Ingestion.Spans;

/// <summary>
/// CSV written row by row as the rows are computed, cells quoted as the change reports quote them
/// (<see cref="ChangeReportTable.CsvCell"/>), UTF-8 with a byte order mark so Excel reads accents right.
/// </summary>
public static class CsvRows
{
    public static async Task WriteAsync(Stream destination, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(destination, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 64 * 1024, leaveOpen: true);
        await writer.WriteAsync(Line(header).AsMemory(), cancellationToken);
        foreach (var row in rows)
        {
            await writer.WriteAsync(Line(row).AsMemory(), cancellationToken);
        }

        await writer.FlushAsync(cancellationToken);
    }

    private static string Line(IEnumerable<string?> cells) => string.Join(',', cells.Select(ChangeReportTable.CsvCell)) + "\r\n";
}
