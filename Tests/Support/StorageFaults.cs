using Azure.Core;
using Azure.Core.Pipeline;

namespace CodeUpdates.Tests.Support;

/// <summary>
/// An Azure SDK pipeline policy on every storage client of a test host: counts write requests
/// and, when armed, fails the Nth one as if storage became unreachable or the process died there.
/// </summary>
public sealed class StorageFaults(int tablePort) : HttpPipelinePolicy
{
    private int writes;
    private int failAt;
    private Func<Exception>? fault;

    /// <summary>Write requests (PUT, POST, DELETE, PATCH, MERGE) sent since the last <see cref="Reset"/>.</summary>
    public int Writes => Volatile.Read(ref writes);

    /// <summary>Requests that changed table rows (writes to the Table endpoint).</summary>
    public int TableWrites => Volatile.Read(ref tableWrites);

    private int tableWrites;

    private System.Collections.Concurrent.ConcurrentQueue<Uri> reads = new();

    /// <summary>The path of every read request (GET) sent since the last <see cref="Reset"/>.</summary>
    public IReadOnlyCollection<string> Reads => reads.Select(uri => uri.AbsolutePath).ToArray();

    /// <summary>The path and query, unescaped, of every read of the Table endpoint since the last <see cref="Reset"/>.</summary>
    public IReadOnlyCollection<string> TableReads =>
        reads.Where(uri => uri.Port == tablePort).Select(uri => Uri.UnescapeDataString(uri.PathAndQuery)).ToArray();

    /// <summary>Starts counting again; the write numbered <paramref name="failAtWrite"/> fails with <paramref name="failWith"/> (default: an IOException, storage unreachable).</summary>
    public void Reset(int failAtWrite = 0, Func<Exception>? failWith = null)
    {
        Interlocked.Exchange(ref fault, failWith);
        Interlocked.Exchange(ref reads, new System.Collections.Concurrent.ConcurrentQueue<Uri>());
        Interlocked.Exchange(ref writes, 0);
        Interlocked.Exchange(ref tableWrites, 0);
        Interlocked.Exchange(ref failAt, failAtWrite);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Count(HttpMessage message)
    {
        var method = message.Request.Method;
        if (method == RequestMethod.Get || method == RequestMethod.Head)
        {
            if (method == RequestMethod.Get)
            {
                reads.Enqueue(message.Request.Uri.ToUri());
            }

            return;
        }

        var n = Interlocked.Increment(ref writes);
        if (IsTable(message))
        {
            Interlocked.Increment(ref tableWrites);
        }

        if (n == Volatile.Read(ref failAt))
        {
            throw Volatile.Read(ref fault)?.Invoke()
                ?? new IOException($"injected storage fault at write {n} ({method} {message.Request.Uri.ToUri().AbsolutePath})");
        }
    }

    private bool IsTable(HttpMessage message) => message.Request.Uri.Port == tablePort;
}
