namespace CodeUpdates.Ingestion.Releases;

/// <summary>A release's changes in the format asked for; <see cref="FileName"/> is set for the downloadable formats.</summary>
public sealed record ReleaseChangesFile(byte[] Content, string ContentType, string? FileName);
