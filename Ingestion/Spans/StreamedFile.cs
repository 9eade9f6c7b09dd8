namespace CodeUpdates.Ingestion.Spans;

/// <summary>
/// An answer written straight to the response as it is computed, so a large one (a whole code set) is never
/// held in memory whole. <see cref="FileName"/> is set for the downloadable formats.
/// </summary>
public sealed record StreamedFile(string ContentType, string? FileName, Func<Stream, CancellationToken, Task> WriteAsync);
