using System.Text.Json.Serialization;
using CodeUpdates.Ingestion.Diff;
using CodeUpdates.Ingestion.Storage;

namespace CodeUpdates.Ingestion.Releases;

/// <summary>The record of one release (or one rejected file) as the API lists it.</summary>
public sealed record ReleaseRecord(
    string System,
    [property: JsonPropertyName("effective")] DateOnly? Effective,
    ReleaseStatus Status,
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
    /// <summary>A release accepted and being applied: its snapshot is stored, its versions are being written.</summary>
    public static ReleaseRecord Processing(string system, DateOnly effective, string source, string sha256, int codes, DateTimeOffset receivedAt) =>
        new(system, effective, ReleaseStatus.Processing, source, sha256, codes, null, null, null, receivedAt, null, null);

    /// <summary>A release whose versions answer lookups, with its changes against the published release before it (<paramref name="prior"/>, null for an initial load).</summary>
    public static ReleaseRecord Published(
        string system, DateOnly effective, string source, string sha256, int codes, DateOnly? prior, ReleaseCounts counts,
        DateTimeOffset receivedAt, DateTimeOffset publishedAt, int versionRowsWritten) =>
        new(system, effective, ReleaseStatus.Published, source, sha256, codes, prior, counts, null, receivedAt, publishedAt, versionRowsWritten);

    /// <summary>A file that cannot be a release as it is; <paramref name="reason"/> says what to fix. Its date is null when it could not be told.</summary>
    public static ReleaseRecord Rejected(string system, DateOnly? effective, string source, string sha256, string reason, DateTimeOffset receivedAt) =>
        new(system, effective, ReleaseStatus.Rejected, source, sha256, null, null, null, reason, receivedAt, null, null);

    /// <summary>A valid file for a date that <paramref name="supersededBy"/>, uploaded later, also gives.</summary>
    public static ReleaseRecord Superseded(
        string system, DateOnly effective, string source, string sha256, int? codes, DateTimeOffset receivedAt, DateTimeOffset? uploadedAt, string supersededBy) =>
        new(system, effective, ReleaseStatus.Superseded, source, sha256, codes, null, null, null, receivedAt, null, null) { UploadedAt = uploadedAt, SupersededBy = supersededBy };

    /// <summary>When storage says the file was uploaded (its last-modified time): of two files for one date the one uploaded last is the release.</summary>
    public DateTimeOffset? UploadedAt { get; init; }

    /// <summary>
    /// What reading changed in the file without refusing it (control characters dropped, see
    /// <see cref="Releases.ControlCharacters.Describe"/>), or null when it was taken as given: a release
    /// published with dropped characters says so.
    /// </summary>
    public string? Notes { get; init; }

    /// <summary>
    /// A published release whose change-report request is not queued yet: written true with the published record
    /// and false once the request is queued (see <see cref="Reports.ChangeReportQueue"/>), so a crash between the two
    /// is seen by the retry and the sweep. A record written before requests were tracked reads false: it is never mailed again.
    /// </summary>
    [JsonIgnore]
    public bool ReportPending { get; init; }

    /// <summary>When the release's change-report request was queued (after its record said published).</summary>
    public DateTimeOffset? ReportQueuedAt { get; init; }

    /// <summary>For a release made by applying a CMS corrections document: what it applied and what it could not, or null.</summary>
    public ReleaseCorrections? Corrections { get; init; }

    /// <summary>For a superseded file, the file uploaded later for the same date that is the release.</summary>
    public string? SupersededBy { get; init; }

    /// <summary>
    /// For a published release later replaced by a file for the same date: when the replacing release was published,
    /// the instant from which lookups stopped answering from this one. Null for a file that was never published.
    /// </summary>
    public DateTimeOffset? SupersededAt { get; init; }

    /// <summary>
    /// The knowledge stamp of this release's application: every version row it wrote is known from it, every row it
    /// closed is known to it. Chosen once, before any row is written, and kept by a retry (see <see cref="KnowledgeInstant"/>).
    /// A record written before stamps were kept reads null: its stamp is its <see cref="PublishedAt"/>.
    /// </summary>
    [JsonIgnore]
    public DateTimeOffset? KnowledgeStamp { get; init; }

    /// <summary>
    /// For a file that was published and later replaced for its date: where its changes as published stay readable
    /// (<c>GET /api/releases/{system}/{effective}/superseded/{sha256}/changes</c>); null otherwise.
    /// </summary>
    public string? SupersededChanges => Status == ReleaseStatus.Superseded && PublishedAt is not null && Effective is { } effective
        ? SupersededChangesPath(System, effective, Sha256)
        : null;

    /// <summary>The route of a replaced file's changes as they were published.</summary>
    public static string SupersededChangesPath(string system, DateOnly effective, string sha256) =>
        $"/api/releases/{system}/{effective:yyyy-MM-dd}/superseded/{sha256}/changes";

    /// <summary>
    /// Where a rejected file is kept: the ingest moves it to quarantine under the name it was dropped with.
    /// A file whose name breaks the blob name rule is not kept anywhere the product wrote: it is left in
    /// <c>releases</c>, untouched, since no client built from its name is sure to address it.
    /// </summary>
    public string? KeptIn => Status == ReleaseStatus.Rejected && BlobNames.Problem(Source) is null ? $"{StorageNames.QuarantineContainer}/{Source}" : null;
}
