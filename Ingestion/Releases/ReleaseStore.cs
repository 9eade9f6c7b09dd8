using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using CodeUpdates.Ingestion.Answers;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Storage;

namespace CodeUpdates.Ingestion.Releases;

/// <summary>
/// The <c>releases</c> table: one row per release (PartitionKey system, RowKey effective date),
/// one per rejected drop (RowKey <c>rejected-{sha256}-{name hash}</c>: the same bad file dropped under the same
/// name again is one record, while each drop under another name keeps its own), one per superseded file
/// (RowKey <c>superseded-{sha256}-{name hash}</c>),
/// and a head row per system whose ETag changes whenever a release is published, so every
/// instance's lookup cache can tell cheaply that it must reload.
/// </summary>
public sealed class ReleaseStore(TableServiceClient tables, TimeProvider time)
{
    public const string HeadPartition = "_head";

    private TableClient Table => tables.GetTableClient(StorageNames.ReleasesTable);

    public async Task<IReadOnlyList<ReleaseRecord>> ListAsync(CodeSystem? system, CancellationToken cancellationToken)
    {
        var filter = system is { } s
            ? TableClient.CreateQueryFilter($"PartitionKey eq {s.Name()}")
            : TableClient.CreateQueryFilter($"PartitionKey ne {HeadPartition}");
        var records = new List<ReleaseRecord>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            records.Add(ToRecord(entity));
        }

        return records
            .OrderBy(r => r.System, StringComparer.Ordinal)
            .ThenBy(r => r.Effective ?? DateOnly.MaxValue)
            .ThenBy(r => r.ReceivedAt)
            .ToArray();
    }

    internal async Task<ReleaseRecord?> GetAsync(CodeSystem system, DateOnly effective, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(system.Name(), Key(effective), cancellationToken: cancellationToken);
        return response.HasValue ? ToRecord(response.Value!) : null;
    }

    /// <summary>
    /// The releases among <paramref name="records"/> that other releases are built on, oldest first: only
    /// published ones. A release left processing (its ingest died, or it is being applied) is never a
    /// prior for a diff, never a neighbour whose record is updated, and never a source of versions.
    /// </summary>
    public static IReadOnlyList<ReleaseRecord> Published(IEnumerable<ReleaseRecord> records) =>
        records.Where(r => r.Status == ReleaseStatus.Published && r.Effective is not null).OrderBy(r => r.Effective).ToArray();

    /// <summary>The published release a release of <paramref name="effective"/> is compared with: the last published one before it.</summary>
    public static ReleaseRecord? PriorOf(IEnumerable<ReleaseRecord> records, DateOnly effective) =>
        Published(records).LastOrDefault(r => r.Effective < effective);

    /// <summary>The published release after <paramref name="effective"/>, whose diff compares with the release of that date.</summary>
    public static ReleaseRecord? NextOf(IEnumerable<ReleaseRecord> records, DateOnly effective) =>
        Published(records).FirstOrDefault(r => r.Effective > effective);

    /// <returns>The row's new ETag.</returns>
    public async Task<ETag> UpsertAsync(ReleaseRecord record, CancellationToken cancellationToken) =>
        (await Table.UpsertEntityAsync(ToEntity(record), TableUpdateMode.Replace, cancellationToken)).Headers.ETag ?? ETag.All;

    /// <summary>
    /// Replaces the record only if it is still the row this writer wrote (<paramref name="expected"/>):
    /// a writer that lost the system's lock while another took the release over gets 412 and cannot publish.
    /// </summary>
    public async Task PublishAsync(ReleaseRecord record, ETag expected, CancellationToken cancellationToken) =>
        await Table.UpdateEntityAsync(ToEntity(record), expected, TableUpdateMode.Replace, cancellationToken);

    /// <summary>
    /// Records that a published release's change-report request is queued. A merge of these two properties only, so it
    /// never undoes what another writer changed on the row meanwhile (the next release's ingest updates its counts).
    /// </summary>
    public async Task MarkReportQueuedAsync(ReleaseRecord record, CancellationToken cancellationToken) =>
        await Table.UpdateEntityAsync(
            new TableEntity(record.System, Key(record.Effective!.Value)) { ["ReportPending"] = false, ["ReportQueuedAt"] = record.ReportQueuedAt },
            ETag.All,
            TableUpdateMode.Merge,
            cancellationToken);

    /// <summary>Removes the row of a release that was never published (abandoned for a storage error).</summary>
    public async Task DeleteAsync(CodeSystem system, DateOnly effective, CancellationToken cancellationToken) =>
        await Table.DeleteEntityAsync(system.Name(), Key(effective), ETag.All, cancellationToken);

    /// <summary>Removes a file's superseded row: the file was uploaded again and is now the release.</summary>
    public async Task DeleteSupersededAsync(ReleaseRecord superseded, CancellationToken cancellationToken) =>
        await Table.DeleteEntityAsync(superseded.System, RowKeyOf(superseded), ETag.All, cancellationToken);

    /// <summary>Touches the system's head row; its new ETag tells lookup caches to reload.</summary>
    public Task TouchHeadAsync(CodeSystem system, CancellationToken cancellationToken) =>
        Table.UpsertEntityAsync(
            new TableEntity(HeadPartition, system.Name()) { ["ChangedAt"] = time.GetUtcNow() },
            TableUpdateMode.Replace,
            cancellationToken);

    /// <summary>The ETag of each system's head row ("" when nothing was ever published).</summary>
    public async Task<IReadOnlyDictionary<CodeSystem, string>> HeadsAsync(CancellationToken cancellationToken)
    {
        var heads = new Dictionary<CodeSystem, string>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {HeadPartition}"), select: ["RowKey"], cancellationToken: cancellationToken))
        {
            if (CodeSystems.TryParse(entity.RowKey, out var system))
            {
                heads[system] = entity.ETag.ToString();
            }
        }

        return heads;
    }

    public static string Key(DateOnly effective) => IsoDate.Format(effective);

    /// <summary>
    /// A rejected drop's key: its content hash and a hash of its blob name (blob names may hold
    /// characters a RowKey may not, such as '/'), so that identical bad files dropped under
    /// different names (three empty files, say) each keep their own record.
    /// </summary>
    public static string RejectedKey(string source, string sha256) =>
        $"rejected-{sha256}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(source)))[..16]}";

    /// <summary>A superseded file's key, built like <see cref="RejectedKey"/>: one row per file and content.</summary>
    public static string SupersededKey(string source, string sha256) =>
        $"superseded-{sha256}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(source)))[..16]}";

    /// <summary>
    /// A once-published release's superseded record also names when it was published: the same file may be published,
    /// replaced and uploaded again several times, and each publication stays in the record of what was known when.
    /// </summary>
    public static string PublishedSupersededKey(string source, string sha256, DateTimeOffset publishedAt) =>
        $"{SupersededKey(source, sha256)}-{publishedAt.ToUnixTimeMilliseconds():D15}";

    private static string RowKeyOf(ReleaseRecord record) =>
        record.Status == ReleaseStatus.Superseded
            ? record.PublishedAt is { } publishedAt ? PublishedSupersededKey(record.Source, record.Sha256, publishedAt) : SupersededKey(record.Source, record.Sha256)
            : record.Status == ReleaseStatus.Rejected || record.Effective is null ? RejectedKey(record.Source, record.Sha256)
            : Key(record.Effective.Value);


    /// <summary>
    /// A release's counts as stored. A system's first release (published with no prior) is an initial load: it counts
    /// the codes it brought, also when an older version stored its codes as added and deleted.
    /// </summary>
    private static ReleaseCounts CountsOf(TableEntity entity, int added)
    {
        if (entity.GetBoolean("InitialLoad") == true
            || (entity.GetString("Status") == ReleaseStatus.Published.Name() && entity.GetString("Prior") is null))
        {
            return new ReleaseCounts(0, 0, 0, 0, 0, 0, entity.GetInt32("Codes") ?? 0, InitialLoad: true);
        }

        int deleted = entity.GetInt32("Deleted") ?? 0, revised = entity.GetInt32("Revised") ?? 0, reactivated = entity.GetInt32("Reactivated") ?? 0;
        int administrative = entity.GetInt32("Administrative") ?? 0, purged = entity.GetInt32("Purged") ?? 0;
        return new ReleaseCounts(added, deleted, revised, reactivated, administrative, purged, added + deleted + revised + reactivated + administrative + purged);
    }

    private static TableEntity ToEntity(ReleaseRecord record)
    {
        var entity = new TableEntity(record.System, RowKeyOf(record))
        {
            ["Status"] = record.Status.Name(),
            ["Source"] = record.Source,
            ["Sha256"] = record.Sha256,
            ["Codes"] = record.Codes,
            ["Effective"] = record.Effective is { } e ? Key(e) : null,
            ["Prior"] = record.Prior is { } p ? Key(p) : null,
            ["Reason"] = record.Reason,
            ["ReceivedAt"] = record.ReceivedAt,
            ["PublishedAt"] = record.PublishedAt,
            ["VersionRowsWritten"] = record.VersionRowsWritten,
            ["UploadedAt"] = record.UploadedAt,
            ["SupersededBy"] = record.SupersededBy,
            ["SupersededAt"] = record.SupersededAt,
            ["KnowledgeStamp"] = record.KnowledgeStamp,
            ["Notes"] = record.Notes,
            ["ReportPending"] = record.ReportPending ? true : null,
            ["ReportQueuedAt"] = record.ReportQueuedAt,
            ["Corrections"] = record.Corrections is { } corrections ? JsonSerializer.Serialize(corrections, WebJson.Options) : null,
        };
        if (record.Counts is { } c)
        {
            entity["Added"] = c.Added;
            entity["Deleted"] = c.Deleted;
            entity["Revised"] = c.Revised;
            entity["Reactivated"] = c.Reactivated;
            entity["Administrative"] = c.Administrative;
            entity["Purged"] = c.Purged;
            entity["InitialLoad"] = c.InitialLoad ? true : null;
        }

        return entity;
    }

    private static ReleaseRecord ToRecord(TableEntity entity)
    {
        var counts = entity.GetInt32("Added") is { } added ? CountsOf(entity, added) : null;
        return new ReleaseRecord(
            entity.PartitionKey,
            IsoDate.ParseOrNull(entity.GetString("Effective")),
            ReleaseStatuses.Parse(entity.GetString("Status")),
            entity.GetString("Source") ?? string.Empty,
            entity.GetString("Sha256") ?? string.Empty,
            entity.GetInt32("Codes"),
            IsoDate.ParseOrNull(entity.GetString("Prior")),
            counts,
            entity.GetString("Reason"),
            entity.GetDateTimeOffset("ReceivedAt") ?? entity.Timestamp ?? DateTimeOffset.MinValue,
            entity.GetDateTimeOffset("PublishedAt"),
            entity.GetInt32("VersionRowsWritten"))
        {
            UploadedAt = entity.GetDateTimeOffset("UploadedAt"),
            SupersededBy = entity.GetString("SupersededBy"),
            SupersededAt = entity.GetDateTimeOffset("SupersededAt"),
            KnowledgeStamp = entity.GetDateTimeOffset("KnowledgeStamp"),
            Notes = entity.GetString("Notes"),
            ReportPending = entity.GetBoolean("ReportPending") ?? false,
            ReportQueuedAt = entity.GetDateTimeOffset("ReportQueuedAt"),
            Corrections = entity.GetString("Corrections") is { } corrections ? JsonSerializer.Deserialize<ReleaseCorrections>(corrections, WebJson.Options) : null,
        };
    }
}
