using Azure;
using Azure.Data.Tables;
using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Ingestion.Storage;

namespace CodeUpdates.Ingestion.Subscribers;

/// <summary>A coder who receives the change reports of the code systems they follow.</summary>
public sealed record Subscriber(string Email, IReadOnlyList<string> Systems);

/// <summary>
/// The <c>subscribers</c> table: one row per address in a single partition. The list is small
/// (people, not codes), so one partition keeps "everyone who follows HCPCS" a single query.
/// </summary>
public sealed class SubscriberStore(TableServiceClient service, string tableName = StorageNames.SubscribersTable)
{
    private const string Partition = "subscriber";
    private readonly TableClient table = service.GetTableClient(tableName);
    private int created;

    public async Task<Subscriber> PutAsync(string email, IEnumerable<CodeSystem> systems, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var subscriber = new Subscriber(email.Trim(), systems.Distinct().Order().Select(s => s.Name()).ToArray());
        var entity = new TableEntity(Partition, Key(email))
        {
            ["Email"] = subscriber.Email,
            ["Systems"] = string.Join(',', subscriber.Systems),
        };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
        return subscriber;
    }

    public async Task<bool> DeleteAsync(string email, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        // DeleteEntity treats a missing row as success, so look first to tell the caller it was not there.
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(Partition, Key(email), ["RowKey"], cancellationToken);
        if (!existing.HasValue)
        {
            return false;
        }

        await table.DeleteEntityAsync(Partition, Key(email), ETag.All, cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<Subscriber>> ListAsync(CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var subscribers = new List<Subscriber>();
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken))
        {
            var systems = (entity.GetString("Systems") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries);
            subscribers.Add(new Subscriber(entity.GetString("Email") ?? entity.RowKey, systems));
        }

        return subscribers.OrderBy(s => s.Email, StringComparer.OrdinalIgnoreCase).ToArray();
    }

    public async Task<IReadOnlyList<Subscriber>> FollowersOfAsync(CodeSystem system, CancellationToken cancellationToken) =>
        (await ListAsync(cancellationToken)).Where(s => s.Systems.Contains(system.Name(), StringComparer.Ordinal)).ToArray();

    /// <summary>
    /// Row key: the address lower-cased (mail domains are case-insensitive and people type both)
    /// and escaped, because a local part may hold '/', '#' or '?', which table keys forbid.
    /// </summary>
    public static string Key(string email) => Uri.EscapeDataString(email.Trim().ToLowerInvariant());

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        // Hosts create tables at start; this keeps the store usable on its own (tests, a fresh account).
        if (Volatile.Read(ref created) == 0)
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
            Volatile.Write(ref created, 1);
        }
    }
}
