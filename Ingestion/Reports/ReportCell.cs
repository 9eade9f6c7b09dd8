using System.Globalization;
using CodeUpdates.Ingestion.Diff;
using CodeUpdates.Ingestion.ReleaseFiles;

namespace CodeUpdates.Ingestion.Reports;

/// <summary>A cell: runs shown one after the other, a space between them.</summary>
public sealed record ReportCell(IReadOnlyList<Run> Runs)
{
    public static readonly ReportCell Empty = new([]);

    public bool IsEmpty => Runs.All(r => r.Text.Length == 0);

    public bool HasWordMarks => Runs.Any(r => r.Mark is Mark.Removed or Mark.Inserted);

    public static ReportCell Text(string? text) => string.IsNullOrEmpty(text) ? Empty : new([new Run(text)]);

    /// <summary>A revised descriptor: its name as a label, then its words with the removed and inserted ones marked.</summary>
    public static ReportCell Revision(TextRevision revision) => new(
    [
        new Run(revision.Descriptor + ":", Mark.Label),
        .. revision.Words.Select(w => new Run(w.Text, w.Change switch
        {
            WordChange.Removed => Mark.Removed,
            WordChange.Inserted => Mark.Inserted,
            _ => Mark.None,
        })),
    ]);
}
