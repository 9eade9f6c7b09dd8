using Azure;
using Azure.Data.Tables;
using CodeUpdates.Ingestion.Storage;

namespace CodeUpdates.Tests.Releases;

/// <summary>
/// The storage a <c>VersionStore</c> sees, where the <c>versions</c> table can be made to fail every batch after the
/// first <see cref="AllowedBatches"/>: a process killed half-way through writing a release's version rows.
/// </summary>
public sealed class VersionWriteKillSwitch(TableServiceClient tables) : TableServiceClient
{
    private int batches;

    /// <summary>Null: every write goes through. Otherwise how many more version batches succeed.</summary>
    public int? AllowedBatches { get; set; }

    public override TableClient GetTableClient(string tableName) =>
        tableName == StorageNames.VersionsTable ? new KillableTable(this, tables.GetTableClient(tableName)) : tables.GetTableClient(tableName);

    public void Arm(int allowedBatches)
    {
        batches = 0;
        AllowedBatches = allowedBatches;
    }

    private bool Killed() => AllowedBatches is { } allowed && Interlocked.Increment(ref batches) > allowed;

    private sealed class KillableTable(VersionWriteKillSwitch kill, TableClient table) : TableClient
    {
        public override string Name => table.Name;

        public override AsyncPageable<T> QueryAsync<T>(string? filter = null, int? maxPerPage = null, IEnumerable<string>? select = null, CancellationToken cancellationToken = default) =>
            table.QueryAsync<T>(filter, maxPerPage, select, cancellationToken);

        public override Task<Response<IReadOnlyList<Response>>> SubmitTransactionAsync(
            IEnumerable<TableTransactionAction> transactionActions, CancellationToken cancellationToken = default) =>
            kill.Killed()
                ? throw new IOException("the process was killed while writing version rows")
                : table.SubmitTransactionAsync(transactionActions, cancellationToken);
    }
}
