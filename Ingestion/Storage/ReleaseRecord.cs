using System.Text.Json.Serialization;

namespace CodeUpdates.Ingestion.Storage;

/// <summary>Where a dropped release stands.</summary>
public static class ReleaseStatus
{
    /// <summary>Accepted and being applied; a retry finishes it.</summary>
    public const string Processing = "processing";

    /// <summary>Its versions are written and answer lookups.</summary>
    public const string Published = "published";

    /// <summary>
    /// Cannot become a release as it is; the reason says what to fix. The file is in quarantine, unless
    /// its name breaks the blob name rule: then it is left in <c>releases</c> untouched.
    /// </summary>
    public const string Rejected = "rejected";

    /// <summary>
    /// A valid file for a date that a file uploaded later also gives; <see cref="ReleaseRecord.SupersededBy"/>
    /// names that file, which is the release. The superseded file stays in <c>releases</c>.
    /// </summary>
    public const string Superseded = "superseded";
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
    /// <summary>When storage says the file was uploaded (its last-modified time): of two files for one date the one uploaded last is the release.</summary>
    public DateTimeOffset? UploadedAt { get; init; }

    /// <summary>
    /// What reading changed in the file without refusing it (control characters dropped, see
    /// <see cref="Releases.ControlCharacters.Describe"/>), or null when it was taken as given: a release
    /// published with dropped characters says so.
    /// </summary>
    public string? Notes { get; init; }

    /// <summary>For a superseded file, the file uploaded later for the same date that is the release.</summary>
    public string? SupersededBy { get; init; }

    /// <summary>
    /// Where a rejected file is kept: the ingest moves it to quarantine under the name it was dropped with.
    /// A file whose name breaks the blob name rule is not kept anywhere the product wrote: it is left in
    /// <c>releases</c>, untouched, since no client built from its name is sure to address it.
    /// </summary>
    public string? KeptIn => Status == ReleaseStatus.Rejected && BlobNames.Problem(Source) is null ? $"{StorageNames.QuarantineContainer}/{Source}" : null;
}

public sealed record ReleaseCounts(int Added, int Deleted, int Revised, int Reactivated, int Administrative, int Purged);
