namespace CodeUpdates.Ingestion.Spans;

/// <summary>
/// An answer written straight to the response as it is computed, so a large one (a whole code set) is never
/// held in memory whole. <see cref="FileName"/> is set for the downloadable formats.
/// </summary>
public sealed record StreamedFile(string ContentType, string? FileName, Func<Stream, CancellationToken, Task> WriteAsync)
{
    /// <summary>
    /// A file whose writer ends with synchronous writes (the .xlsx zip's closing records), which a web server's response
    /// stream refuses: written to memory first, then copied out asynchronously. Its rows are still computed as written.
    /// </summary>
    public static StreamedFile Buffered(string contentType, string? fileName, Func<Stream, CancellationToken, Task> writeAsync) =>
        new(contentType, fileName, async (destination, cancellationToken) =>
        {
            using var buffer = new MemoryStream();
            await writeAsync(buffer, cancellationToken);
            buffer.Position = 0;
            await buffer.CopyToAsync(destination, cancellationToken);
        });
}
