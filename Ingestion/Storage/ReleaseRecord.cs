using System.Text.Json.Serialization;

namespace CodeUpdates.Ingestion.Storage;

/// <summary>Where a dropped release stands.</summary>
public static class ReleaseStatus
{
    /// <summary>Accepted and being applied; a retry finishes it.</summary>
    public const string Processing = "processing";

    /// <summary>Its versions are written and answer lookups.</summary>
    public const string Published = "published";

    /// <summary>Cannot become a release as it is; the reason says what to fix. The file is in quarantine.</summary>
    public const string Rejected = "rejected";
}

/// <summary>The record of one release (or one rejected file) as the API lists it.</summary>
public sealed record ReleaseRecord(
    string System,
    [property: JsonPropertyName("effective")] DateOnly? Effective,
    string Status,
    string Source,
    string Sha256,
    int? Codes,
    DateOnly? Prior,
    ReleaseCounts? Counts,
    string? Reason,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? PublishedAt,
    int? VersionRowsWritten)
{
    /// <summary>Where a rejected file is kept: the ingest moves it to quarantine under the name it was dropped with.</summary>
    public string? KeptIn => Status == ReleaseStatus.Rejected ? $"{StorageNames.QuarantineContainer}/{Source}" : null;
}

public sealed record ReleaseCounts(int Added, int Deleted, int Revised, int Reactivated, int Administrative, int Purged);
