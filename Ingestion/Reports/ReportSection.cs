using System.Globalization;
using CodeUpdates.Ingestion.Diff;
using CodeUpdates.Ingestion.ReleaseFiles;

namespace CodeUpdates.Ingestion.Reports;

/// <summary>One kind of change: a titled table, possibly cut short, with an optional note.</summary>
/// <param name="Changes">How many codes changed this way (a revised code can have a row per descriptor).</param>
/// <param name="Omitted">Changes left out to keep a mail short; the attachment and the release's page have them.</param>
public sealed record ReportSection(
    ChangeType Type, string Title, int Changes, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<ReportCell>> Rows, int Omitted, string? Note)
{
    public bool HasWordMarks => Rows.Any(r => r.Any(c => c.HasWordMarks));
}
