namespace CodeUpdates.Ingestion.Storage;

/// <summary>Every container, table and queue the product uses; hosts create them at start.</summary>
public static class StorageNames
{
    /// <summary>Where admins drop release files: <c>releases/{system}/...</c>.</summary>
    public const string ReleasesContainer = "releases";

    /// <summary>Rejected files, moved here under their original name with the reason in metadata.</summary>
    public const string QuarantineContainer = "quarantine";

    /// <summary>Each loaded release's parsed snapshot: <c>{system}/{effective}.json.gz</c>; also holds the per-system ingest lock blobs.</summary>
    public const string SnapshotsContainer = "snapshots";

    public const string ReleasesTable = "releases";
    public const string VersionsTable = "versions";

    /// <summary>
    /// Versions a recompute changed or deleted, each kept with the knowledge stamps it was held between
    /// (KnownFrom, KnownTo): what the system answered before a correction. Rows are only ever added.
    /// </summary>
    public const string ClosedVersionsTable = "closedversions";
    public const string SubscribersTable = "subscribers";
    public const string SentMailTable = "sentmail";

    /// <summary>One message per published release asking for its change report mail.</summary>
    public const string ChangeReportsQueue = "change-reports";

    public static readonly IReadOnlyList<string> Containers = [ReleasesContainer, QuarantineContainer, SnapshotsContainer];
    public static readonly IReadOnlyList<string> Tables = [ReleasesTable, VersionsTable, ClosedVersionsTable, SubscribersTable, SentMailTable];
    public static readonly IReadOnlyList<string> Queues = [ChangeReportsQueue];
}
