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
/// </summary>
public sealed class VersionStore(TableServiceClient tables)
{
    private const int MaxBatch = 100;
    private const int ParallelBatches = 4;

    /// <summary>Past this many partitions one scan of the system's rows is cheaper than a query for each.</summary>
    private const int PartitionReadsBeforeScan = 64;

    private TableClient Table => tables.GetTableClient(StorageNames.VersionsTable);

    public static string PartitionKey(CodeSystem system, string code) => $"{system.Name()}-{code[..Math.Min(2, code.Length)]}";

    public static string RowKey(string code, DateOnly start) =>
        $"{code}-{99999999 - int.Parse(start.ToString("yyyyMMdd", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture):D8}";

    /// <summary>
    /// Makes the table hold exactly <paramref name="versions"/> for the system: rows that are new or
    /// differ are upserted, rows no longer derived are deleted, equal rows are left alone.
    /// </summary>
    /// <returns>How many rows were written (upserted or deleted).</returns>
    public async Task<int> ReplaceSystemAsync(CodeSystem system, IEnumerable<CodeVersion> versions, CancellationToken cancellationToken) =>
        await WriteDifferencesAsync(await ReadHashesAsync(SystemFilter(system), null, cancellationToken), versions, cancellationToken);

    /// <summary>
    /// Like <see cref="ReplaceSystemAsync"/> for <paramref name="codes"/> only: their rows become exactly
    /// <paramref name="versions"/> (which hold versions of those codes only); every other code's rows are
    /// not read or written. Reads the partitions the codes live in, or the whole system when they span many.
    /// </summary>
    public async Task<int> ReplaceCodesAsync(
        CodeSystem system, IReadOnlySet<string> codes, IEnumerable<CodeVersion> versions, CancellationToken cancellationToken)
    {
        var partitions = codes.Select(c => PartitionKey(system, c)).Distinct(StringComparer.Ordinal).ToArray();
        Dictionary<(string, string), string?> existing;
        if (partitions.Length > PartitionReadsBeforeScan)
        {
            existing = await ReadHashesAsync(SystemFilter(system), codes, cancellationToken);
        }
        else
        {
            var read = await Task.WhenAll(partitions.Chunk(partitions.Length / ParallelBatches + 1).Select(async group =>
            {
                var hashes = new Dictionary<(string, string), string?>();
                foreach (var partition in group)
                {
                    foreach (var (key, hash) in await ReadHashesAsync(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), codes, cancellationToken))
                    {
                        hashes[key] = hash;
                    }
                }

                return hashes;
            }));
            existing = read.SelectMany(h => h).ToDictionary();
        }

        return await WriteDifferencesAsync(existing, versions, cancellationToken);
    }

    private async Task<int> WriteDifferencesAsync(
        Dictionary<(string, string), string?> existing, IEnumerable<CodeVersion> versions, CancellationToken cancellationToken)
    {
        var operations = new List<TableTransactionAction>();
        foreach (var version in versions)
        {
            var entity = ToEntity(version);
            var key = (entity.PartitionKey, entity.RowKey);
            if (existing.Remove(key, out var hash) && hash == entity.GetString("Hash"))
            {
                continue;
            }

            operations.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity));
        }

        foreach (var ((partitionKey, rowKey), _) in existing)
        {
            operations.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partitionKey, rowKey)));
        }

        var batches = operations
            .GroupBy(o => o.Entity.PartitionKey, StringComparer.Ordinal)
            .SelectMany(g => g.Chunk(MaxBatch))
            .ToArray();
        await Parallel.ForEachAsync(
            batches,
            new ParallelOptions { MaxDegreeOfParallelism = ParallelBatches, CancellationToken = cancellationToken },
            async (batch, ct) => await Table.SubmitTransactionAsync(batch, ct));
        return operations.Count;
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

    /// <summary>The key and content hash of every row the filter selects (of <paramref name="codes"/> only, when given).</summary>
    private async Task<Dictionary<(string, string), string?>> ReadHashesAsync(
        string filter, IReadOnlySet<string>? codes, CancellationToken cancellationToken)
    {
        var hashes = new Dictionary<(string, string), string?>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(
            filter, select: ["PartitionKey", "RowKey", "Code", "Hash"], cancellationToken: cancellationToken))
        {
            if (codes is null || codes.Contains(entity.GetString("Code") ?? string.Empty))
            {
                hashes[(entity.PartitionKey, entity.RowKey)] = entity.GetString("Hash");
            }
        }

        return hashes;
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
        (entity.GetString("ReplacedBy") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries))
    {
        FieldPeriods = CmsFieldPeriodsColumn.Parse(entity.GetString("CmsFields")),
    };

    private static string Hash(TableEntity entity)
    {
        var canonical = new StringBuilder();
        foreach (var (key, value) in entity.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (key is not ("odata.etag" or "Timestamp" or "Hash"))
            {
                canonical.Append(key).Append('=').Append(value).Append('\n');
            }
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())))[..32];
    }
}
