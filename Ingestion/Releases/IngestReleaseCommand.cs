namespace CodeUpdates.Ingestion.Releases;

/// <summary>A file landed in the releases container under <paramref name="BlobName"/>.</summary>
public sealed record IngestReleaseCommand(string BlobName);
