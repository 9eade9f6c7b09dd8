namespace CodeUpdates.Ingestion.Versions;

/// <summary>
/// A version row with the knowledge stamps it was held between: from the stamp of the release application that
/// wrote it to the stamp of the one that changed or deleted it (null while it is in the present table).
/// </summary>
/// <param name="KnownFrom">Null for a row written before stamps were kept: it is known from the system's first release.</param>
/// <param name="Hash">The row's content hash: two rows with the same code, start and hash hold the same version.</param>
public sealed record KnownVersion(CodeVersion Version, DateTimeOffset? KnownFrom, DateTimeOffset? KnownTo, string? Hash);
