namespace CodeUpdates.Ingestion.Releases;

/// <summary>
/// A file as it lies in the <c>releases</c> container: its metadata, when storage says it was uploaded, its size,
/// and its bytes, which are null when it is over <see cref="Releases.ReleaseReader.MaxFileBytes"/> (never downloaded).
/// </summary>
public sealed record DroppedFile(string Name, IReadOnlyDictionary<string, string> Metadata, DateTimeOffset UploadedAt, long Length, string ETag, byte[]? Content);
