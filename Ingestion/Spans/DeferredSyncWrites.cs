namespace CodeUpdates.Ingestion.Spans;

/// <summary>
/// A response body for writers that block now and then: .NET's zip writer (under SpreadCheetah) writes each
/// entry's data descriptor and the central directory synchronously, which a real response body refuses
/// (AllowSynchronousIO is off) and which aborted every streamed workbook mid-way. Those few synchronous bytes
/// are held here and sent with the next asynchronous write or flush; everything else passes straight through.
/// </summary>
public sealed class DeferredSyncWrites(Stream destination) : Stream
{
    private readonly MemoryStream pending = new();

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Runs the writer over the body, then sends whatever it wrote synchronously last.</summary>
    public static async Task WriteAsync(Stream destination, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        await using var body = new DeferredSyncWrites(destination);
        await write(body, cancellationToken);
        await body.FlushAsync(cancellationToken);
    }

    public override void Write(byte[] buffer, int offset, int count) => pending.Write(buffer, offset, count);

    public override void Write(ReadOnlySpan<byte> buffer) => pending.Write(buffer);

    // The writer's synchronous flushes wait for the next asynchronous one.
    public override void Flush()
    {
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await SendPendingAsync(cancellationToken);
        await destination.WriteAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        await SendPendingAsync(cancellationToken);
        await destination.FlushAsync(cancellationToken);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            pending.Dispose();
        }

        base.Dispose(disposing);
    }

    private async Task SendPendingAsync(CancellationToken cancellationToken)
    {
        if (pending.Length == 0)
        {
            return;
        }

        await destination.WriteAsync(pending.GetBuffer().AsMemory(0, (int)pending.Length), cancellationToken);
        pending.SetLength(0);
    }
}
