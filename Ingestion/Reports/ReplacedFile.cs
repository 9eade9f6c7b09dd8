namespace CodeUpdates.Ingestion.Reports;

/// <summary>The published file a corrected release replaced for the same date.</summary>
/// <param name="Source">Its blob name.</param>
/// <param name="Sha256">Its hash: its changes stay readable under it.</param>
/// <param name="PublishedAt">When it was published; null when its record no longer says.</param>
/// <param name="Changes">The route answering its changes as they were published.</param>
public sealed record ReplacedFile(string Source, string Sha256, DateTimeOffset? PublishedAt, string Changes);
