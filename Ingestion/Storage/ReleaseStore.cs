using Azure;
using Azure.Data.Tables;
using CodeUpdates.Ingestion.Diff;
using CodeUpdates.Ingestion.Releases;

namespace CodeUpdates.Ingestion.Storage;

/// <summary>
/// The <c>releases</c> table: one row per release (PartitionKey system, RowKey effective date),
/// one per rejected file (RowKey <c>rejected-{sha256}</c>, so the same bad file twice is one record),
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

    /// <summary>Accepted releases of a system (processing and published), oldest first.</summary>
    public async Task<IReadOnlyList<ReleaseRecord>> AcceptedAsync(CodeSystem system, CancellationToken cancellationToken) =>
        (await ListAsync(system, cancellationToken))
            .Where(r => r.Status is ReleaseStatus.Processing or ReleaseStatus.Published && r.Effective is not null)
            .ToArray();

    public Task UpsertAsync(ReleaseRecord record, CancellationToken cancellationToken) =>
        Table.UpsertEntityAsync(ToEntity(record), TableUpdateMode.Replace, cancellationToken);

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

    public static string RejectedKey(string sha256) => "rejected-" + sha256;

    public static ReleaseCounts CountsOf(ChangeSummary summary) =>
        new(summary.Added, summary.Deleted, summary.Revised, summary.Reactivated, summary.Administrative, summary.Purged);

    private static TableEntity ToEntity(ReleaseRecord record)
    {
        var rowKey = record.Status == ReleaseStatus.Rejected || record.Effective is null
            ? RejectedKey(record.Sha256)
            : Key(record.Effective.Value);
        var entity = new TableEntity(record.System, rowKey)
        {
            ["Status"] = record.Status,
            ["Source"] = record.Source,
            ["Sha256"] = record.Sha256,
            ["Codes"] = record.Codes,
            ["Effective"] = record.Effective is { } e ? Key(e) : null,
            ["Prior"] = record.Prior is { } p ? Key(p) : null,
            ["Reason"] = record.Reason,
            ["ReceivedAt"] = record.ReceivedAt,
            ["PublishedAt"] = record.PublishedAt,
            ["VersionRowsWritten"] = record.VersionRowsWritten,
        };
        if (record.Counts is { } c)
        {
            entity["Added"] = c.Added;
            entity["Deleted"] = c.Deleted;
            entity["Revised"] = c.Revised;
            entity["Reactivated"] = c.Reactivated;
            entity["Administrative"] = c.Administrative;
            entity["Purged"] = c.Purged;
        }

        return entity;
    }

    private static ReleaseRecord ToRecord(TableEntity entity)
    {
        var counts = entity.GetInt32("Added") is { } added
            ? new ReleaseCounts(added, entity.GetInt32("Deleted") ?? 0, entity.GetInt32("Revised") ?? 0,
                entity.GetInt32("Reactivated") ?? 0, entity.GetInt32("Administrative") ?? 0, entity.GetInt32("Purged") ?? 0)
            : null;
        return new ReleaseRecord(
            entity.PartitionKey,
            IsoDate.ParseOrNull(entity.GetString("Effective")),
            entity.GetString("Status") ?? ReleaseStatus.Processing,
            entity.GetString("Source") ?? string.Empty,
            entity.GetString("Sha256") ?? string.Empty,
            entity.GetInt32("Codes"),
            IsoDate.ParseOrNull(entity.GetString("Prior")),
            counts,
            entity.GetString("Reason"),
            entity.GetDateTimeOffset("ReceivedAt") ?? entity.Timestamp ?? DateTimeOffset.MinValue,
            entity.GetDateTimeOffset("PublishedAt"),
            entity.GetInt32("VersionRowsWritten"));
    }
}
