namespace CodeUpdates.Ingestion.Releases;

/// <summary>A published release's changes in one format (json, csv or xlsx), named before anything is computed.</summary>
public sealed record ReleaseChangesQuery(PublishedRelease Release, string Format);
