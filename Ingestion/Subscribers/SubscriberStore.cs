using Azure;
using Azure.Data.Tables;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Storage;

namespace CodeUpdates.Ingestion.Subscribers;

/// <summary>
/// The <c>subscribers</c> table: one row per address in a single partition. The list is small
/// (people, not codes), so one partition keeps "everyone who follows HCPCS" a single query.
/// The row also holds the last delivery, so the list shows it without a second query, and the
/// subscriber's code list (<see cref="SubscriberCodeChunks"/>), so the list and the address change in one write.
/// The table is created by the host at start (<see cref="StorageInitializer"/>, or infra in Azure).
/// </summary>
public sealed class SubscriberStore(TableServiceClient service, string tableName = StorageNames.SubscribersTable)
{
    private const string Partition = "subscriber";
    private readonly TableClient table = service.GetTableClient(tableName);

    /// <summary>What the list answers per row: everything but the code list's chunks, which can be 600 KB a subscriber.</summary>
    private static readonly IReadOnlyList<string> ListColumns =
        ["RowKey", "Email", "Systems", SubscriberCodeChunks.CountProperty, "LastDeliveryAt", "LastDeliverySystem", "LastDeliveryEffective", "LastDeliveryOutcome", "LastDeliveryDetail"];

    public Task<Subscriber> PutAsync(string email, IEnumerable<CodeSystem> systems, CancellationToken cancellationToken) =>
        PutAsync(email, systems, codes: null, cancellationToken);

    /// <param name="codes">The subscriber's code list: null keeps the one stored, empty removes it.</param>
    public async Task<Subscriber> PutAsync(string email, IEnumerable<CodeSystem> systems, IReadOnlyList<string>? codes, CancellationToken cancellationToken)
    {
        var subscriber = new Subscriber(email.Trim(), systems.Distinct().Order().Select(s => s.Name()).ToArray());
        var entity = new TableEntity(Partition, Key(email))
        {
            ["Email"] = subscriber.Email,
            ["Systems"] = string.Join(',', subscriber.Systems),
        };
        if (codes is not null)
        {
            SubscriberCodeChunks.Write(entity, codes);
        }

        // Merge keeps the last delivery of an address whose systems change, and its code list when none is given.
        await table.UpsertEntityAsync(entity, TableUpdateMode.Merge, cancellationToken);
        var codeCount = codes?.Count
            ?? (await table.GetEntityIfExistsAsync<TableEntity>(Partition, Key(email), [SubscriberCodeChunks.CountProperty], cancellationToken)).Value?.GetInt32(SubscriberCodeChunks.CountProperty)
            ?? 0;
        return subscriber with { CodeCount = codeCount };
    }

    /// <summary>Replaces the code list of a subscriber (empty removes it); false when the address is not subscribed.</summary>
    public async Task<bool> PutCodesAsync(string email, IReadOnlyList<string> codes, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(Partition, Key(email));
        SubscriberCodeChunks.Write(entity, codes);
        try
        {
            // An update, not an upsert: a list alone must not create a subscriber who follows nothing.
            await table.UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Merge, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return false;
        }
    }

    /// <summary>The subscriber's code list (empty when they keep none), or null when the address is not subscribed.</summary>
    public async Task<IReadOnlyList<string>?> GetCodesAsync(string email, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, Key(email), cancellationToken: cancellationToken);
        return row.HasValue ? SubscriberCodeChunks.Read(row.Value!) : null;
    }

    public async Task<bool> DeleteAsync(string email, CancellationToken cancellationToken)
    {
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
        var subscribers = new List<Subscriber>();
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, select: ListColumns, cancellationToken: cancellationToken))
        {
            var systems = (entity.GetString("Systems") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries);
            subscribers.Add(new Subscriber(entity.GetString("Email") ?? entity.RowKey, systems, LastDelivery(entity), entity.GetInt32(SubscriberCodeChunks.CountProperty) ?? 0));
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

    /// <summary>Records a delivery on the subscriber's row; an address removed meanwhile stays removed.</summary>
    public async Task RecordDeliveryAsync(string email, SubscriberDelivery delivery, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(Partition, Key(email))
        {
            ["LastDeliveryAt"] = delivery.At,
            ["LastDeliverySystem"] = delivery.System,
            ["LastDeliveryEffective"] = IsoDate.Format(delivery.Effective),
            ["LastDeliveryOutcome"] = delivery.Outcome,
            ["LastDeliveryDetail"] = delivery.Detail,
        };
        try
        {
            await table.UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Unsubscribed while the report was going out: nothing to show it on.
        }
    }

    private static SubscriberDelivery? LastDelivery(TableEntity entity) =>
        entity.GetDateTimeOffset("LastDeliveryAt") is { } at && IsoDate.TryParse(entity.GetString("LastDeliveryEffective"), out var effective)
            ? new SubscriberDelivery(at, entity.GetString("LastDeliverySystem") ?? string.Empty, effective, entity.GetString("LastDeliveryOutcome") ?? string.Empty, entity.GetString("LastDeliveryDetail"))
            : null;
}
