using System.Text.Json;
using CodeUpdates.Ingestion.Diff;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Reports;

namespace CodeUpdates.Ingestion.Releases;

/// <summary>
/// The queue message a published release sends to ask for its change report. The hash pins the
/// exact file: a message for a release that was since replaced by a corrected file reports nothing.
/// </summary>
public sealed record ChangeReportRequest(string System, DateOnly Effective, string Sha256)
{
    public string ToJson() => JsonSerializer.Serialize(this, ChangeReportDocument.JsonOptions);

    public static ChangeReportRequest FromJson(string json) =>
        JsonSerializer.Deserialize<ChangeReportRequest>(json, ChangeReportDocument.JsonOptions)
        ?? throw new JsonException("empty change report request");
}
