using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Storage;

namespace CodeUpdates.Ingestion.Versions;

/// <summary>
/// The <c>versions</c> table. PartitionKey <c>{system}-{first two characters of the code}</c> keeps a
/// few hundred codes together, so writes go out as entity-group batches of up to 100 rows;
/// RowKey <c>{code}-{99999999 − yyyyMMdd of the version start}</c> names one version of one code,
/// stable across recomputes (so an unchanged version is the same row) and keeping a code's rows
/// together, newest first. Lookups never query this table row by row: <see cref="ReadAllAsync"/> reads
/// a whole system into the in-process <c>VersionCache</c>, which answers every lookup. Each row
/// carries a hash of its content, so a recompute writes only the rows that changed.
/// Each row also carries <c>KnownFrom</c>, the knowledge stamp of the release application that wrote it; a row
/// changed or deleted is first copied to <c>closedversions</c> (same PartitionKey, RowKey <see cref="ClosedRowKey"/>)
/// with <c>KnownTo</c>, the stamp of the application that closed it, so what the system held is never lost.
/// </summary>
public sealed class VersionStore(TableServiceClient tables)
{
    private const int MaxBatch = 100;
    private const int ParallelBatches = 4;

    /// <summary>Past this many partitions one scan of the system's rows is cheaper than a query for each.</summary>
    private const int PartitionReadsBeforeScan = 64;

    private const string KnownFromColumn = "KnownFrom";
    private const string KnownToColumn = "KnownTo";

    private TableClient Table => tables.GetTableClient(StorageNames.VersionsTable);

    private TableClient ClosedTable => tables.GetTableClient(StorageNames.ClosedVersionsTable);

    public static string PartitionKey(CodeSystem system, string code) => $"{system.Name()}-{code[..Math.Min(2, code.Length)]}";

    public static string RowKey(string code, DateOnly start) =>
        $"{code}-{99999999 - int.Parse(start.ToString("yyyyMMdd", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture):D8}";

    /// <summary>
    /// Makes the table hold exactly <paramref name="versions"/> for the system: rows that are new or
    /// differ are upserted, rows no longer derived are deleted, equal rows are left alone. Every row
    /// changed or deleted is first copied to the closed versions, known to <paramref name="knowledgeStamp"/>;
    /// every row written is known from it.
    /// </summary>
    /// <returns>How many rows were written (upserted or deleted).</returns>
    public async Task<int> ReplaceSystemAsync(
        CodeSystem system, IEnumerable<CodeVersion> versions, DateTimeOffset knowledgeStamp, CancellationToken cancellationToken) =>
        await WriteDifferencesAsync(await ReadRowsAsync(SystemFilter(system), null, cancellationToken), versions, knowledgeStamp, cancellationToken);

    /// <summary>
    /// Like <see cref="ReplaceSystemAsync"/> for <paramref name="codes"/> only: their rows become exactly
    /// <paramref name="versions"/> (which hold versions of those codes only); every other code's rows are
    /// not read or written. Reads the partitions the codes live in, or the whole system when they span many.
    /// </summary>
    public async Task<int> ReplaceCodesAsync(
        CodeSystem system, IReadOnlySet<string> codes, IEnumerable<CodeVersion> versions, DateTimeOffset knowledgeStamp, CancellationToken cancellationToken)
    {
        var partitions = codes.Select(c => PartitionKey(system, c)).Distinct(StringComparer.Ordinal).ToArray();
        Dictionary<(string, string), TableEntity> existing;
        if (partitions.Length > PartitionReadsBeforeScan)
        {
            existing = await ReadRowsAsync(SystemFilter(system), codes, cancellationToken);
        }
        else
        {
            var read = await Task.WhenAll(partitions.Chunk(partitions.Length / ParallelBatches + 1).Select(async group =>
            {
                var rows = new Dictionary<(string, string), TableEntity>();
                foreach (var partition in group)
                {
                    foreach (var (key, row) in await ReadRowsAsync(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), codes, cancellationToken))
                    {
                        rows[key] = row;
                    }
                }

                return rows;
            }));
            existing = read.SelectMany(h => h).ToDictionary();
        }

        return await WriteDifferencesAsync(existing, versions, knowledgeStamp, cancellationToken);
    }

    private async Task<int> WriteDifferencesAsync(
        Dictionary<(string, string), TableEntity> existing, IEnumerable<CodeVersion> versions, DateTimeOffset knowledgeStamp, CancellationToken cancellationToken)
    {
        var operations = new List<TableTransactionAction>();
        var closed = new List<TableTransactionAction>();
        foreach (var version in versions)
        {
            var entity = ToEntity(version);
            var key = (entity.PartitionKey, entity.RowKey);
            if (existing.Remove(key, out var row))
            {
                if (row.GetString("Hash") == entity.GetString("Hash"))
                {
                    continue;
                }

                closed.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, Closed(row, knowledgeStamp)));
            }

            entity[KnownFromColumn] = knowledgeStamp;
            operations.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity));
        }

        foreach (var (_, row) in existing)
        {
            closed.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, Closed(row, knowledgeStamp)));
            operations.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(row.PartitionKey, row.RowKey)));
        }

        // The closed copies first: a run killed in between leaves a copy of a row still present (the same version,
        // known over a span that contains the present one), never a present row changed without its past.
        await SubmitAsync(ClosedTable, closed, cancellationToken);
        await SubmitAsync(Table, operations, cancellationToken);
        return operations.Count;
    }

    private static async Task SubmitAsync(TableClient table, List<TableTransactionAction> operations, CancellationToken cancellationToken)
    {
        var batches = operations
            .GroupBy(o => o.Entity.PartitionKey, StringComparer.Ordinal)
            .SelectMany(g => g.Chunk(MaxBatch))
            .ToArray();
        await Parallel.ForEachAsync(
            batches,
            new ParallelOptions { MaxDegreeOfParallelism = ParallelBatches, CancellationToken = cancellationToken },
            async (batch, ct) => await table.SubmitTransactionAsync(batch, ct));
    }

    /// <summary>The copy of a present row kept once <paramref name="knownTo"/> changes or deletes it.</summary>
    private static TableEntity Closed(TableEntity row, DateTimeOffset knownTo)
    {
        var copy = new TableEntity(row.PartitionKey, ClosedRowKey(row.RowKey, knownTo));
        foreach (var (name, value) in row)
        {
            if (name is not ("odata.etag" or "Timestamp" or "PartitionKey" or "RowKey"))
            {
                copy[name] = value;
            }
        }

        copy[KnownToColumn] = knownTo;
        return copy;
    }

    /// <summary>
    /// <c>{present RowKey}-{19 digits: max ticks − KnownTo ticks}</c>: a code's closed rows sort together after its
    /// code, newest start first and, within one start, the latest closed first; one partition range reads them.
    /// </summary>
    public static string ClosedRowKey(string presentRowKey, DateTimeOffset knownTo) =>
        $"{presentRowKey}-{DateTimeOffset.MaxValue.UtcTicks - knownTo.UtcTicks:D19}";

    /// <summary>Every row of one code, present and closed, each with its knowledge stamps: two partition range queries.</summary>
    public Task<IReadOnlyList<KnownVersion>> ReadKnownCodeAsync(CodeSystem system, string code, CancellationToken cancellationToken) =>
        // '.' sorts right after '-', so this range is exactly the code's rows (codes are letters and digits).
        ReadKnownAsync(
            system,
            TableClient.CreateQueryFilter($"PartitionKey eq {PartitionKey(system, code)} and RowKey ge {code + "-"} and RowKey lt {code + "."}"),
            cancellationToken);

    /// <summary>Every row of the system, present and closed, each with its knowledge stamps.</summary>
    public Task<IReadOnlyList<KnownVersion>> ReadKnownSystemAsync(CodeSystem system, CancellationToken cancellationToken) =>
        ReadKnownAsync(system, SystemFilter(system), cancellationToken);

    /// <summary>
    /// The present rows, then the closed ones. A write copies a row to the closed table before it changes or deletes
    /// it, so a row read gone from the present is already in the closed table when that is read: read in this order
    /// (never at once) the two hold every row of every state published before the read began, whatever is written meanwhile.
    /// </summary>
    private async Task<IReadOnlyList<KnownVersion>> ReadKnownAsync(CodeSystem system, string filter, CancellationToken cancellationToken)
    {
        var present = await ReadKnownAsync(Table, system, filter, cancellationToken);
        var closed = await ReadKnownAsync(ClosedTable, system, filter, cancellationToken);
        return [.. present, .. closed];
    }

    private static async Task<List<KnownVersion>> ReadKnownAsync(TableClient table, CodeSystem system, string filter, CancellationToken cancellationToken)
    {
        var rows = new List<KnownVersion>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(new KnownVersion(
                FromEntity(system, entity), entity.GetDateTimeOffset(KnownFromColumn), entity.GetDateTimeOffset(KnownToColumn), entity.GetString("Hash")));
        }

        return rows;
    }

    /// <summary>Every version of every code of the system, grouped by code, oldest first.</summary>
    public async Task<IReadOnlyDictionary<string, CodeVersion[]>> ReadAllAsync(CodeSystem system, CancellationToken cancellationToken)
    {
        var versions = new List<CodeVersion>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(SystemFilter(system), cancellationToken: cancellationToken))
        {
            versions.Add(FromEntity(system, entity));
        }

        return versions
            .GroupBy(v => v.Code, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(v => v.Start).ToArray(), StringComparer.Ordinal);
    }

    /// <summary>Every row the filter selects (of <paramref name="codes"/> only, when given), whole: a changed row is copied to the closed versions.</summary>
    private async Task<Dictionary<(string, string), TableEntity>> ReadRowsAsync(
        string filter, IReadOnlySet<string>? codes, CancellationToken cancellationToken)
    {
        var rows = new Dictionary<(string, string), TableEntity>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (codes is null || codes.Contains(entity.GetString("Code") ?? string.Empty))
            {
                rows[(entity.PartitionKey, entity.RowKey)] = entity;
            }
        }

        return rows;
    }

    private static string SystemFilter(CodeSystem system) =>
        // '.' sorts right after '-', so this range is exactly the system's partitions.
        TableClient.CreateQueryFilter($"PartitionKey ge {system.Name() + "-"} and PartitionKey lt {system.Name() + "."}");

    public static TableEntity ToEntity(CodeVersion version)
    {
        var entity = new TableEntity(PartitionKey(version.System, version.Code), RowKey(version.Code, version.Start))
        {
            ["Code"] = version.Code,
            ["Kind"] = version.Kind.Name(),
            ["Start"] = IsoDate.Format(version.Start),
            ["End"] = IsoDate.Format(version.End),
            ["Release"] = IsoDate.Format(version.Release),
            ["ValidFrom"] = IsoDate.Format(version.ValidFrom),
            ["ValidTo"] = IsoDate.Format(version.ValidTo),
            ["TerminationDate"] = IsoDate.Format(version.TerminationDate),
            ["ReplacedBy"] = string.Join(' ', version.ReplacedBy),
            ["Descriptors"] = JsonSerializer.Serialize(new SortedDictionary<string, string>(
                version.Descriptors.ToDictionary(), StringComparer.Ordinal)),
        };
        if (version.Reused)
        {
            // Only when set: rows written before the mark existed keep their hash, so nothing is rewritten for it.
            entity["Reused"] = true;
        }

        // Left out for a code without CMS fields (every CPT code), so those rows and their hashes stay as they were.
        if (version.FieldPeriods.Count > 0)
        {
            entity["CmsFields"] = CmsFieldPeriodsColumn.Format(version.FieldPeriods);
        }

        entity["Hash"] = Hash(entity);
        return entity;
    }

    public static CodeVersion FromEntity(CodeSystem system, TableEntity entity) => new CodeVersion(
        system,
        entity.GetString("Code"),
        CodeKinds.Parse(entity.GetString("Kind")),
        IsoDate.ParseOrNull(entity.GetString("Start"))!.Value,
        IsoDate.ParseOrNull(entity.GetString("End")),
        JsonSerializer.Deserialize<Dictionary<string, string>>(entity.GetString("Descriptors") ?? "{}") ?? [],
        IsoDate.ParseOrNull(entity.GetString("Release"))!.Value,
        IsoDate.ParseOrNull(entity.GetString("ValidFrom"))!.Value,
        IsoDate.ParseOrNull(entity.GetString("ValidTo")),
        IsoDate.ParseOrNull(entity.GetString("TerminationDate")),
        (entity.GetString("ReplacedBy") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries),
        entity.GetBoolean("Reused") == true)
    {
        FieldPeriods = CmsFieldPeriodsColumn.Parse(entity.GetString("CmsFields")),
    };

    private static string Hash(TableEntity entity)
    {
        var canonical = new StringBuilder();
        foreach (var (key, value) in entity.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (key is not ("odata.etag" or "Timestamp" or "Hash" or KnownFromColumn or KnownToColumn))
            {
                canonical.Append(key).Append('=').Append(value).Append('\n');
            }
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())))[..32];
    }
}
