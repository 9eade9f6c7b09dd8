using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using CodeUpdates.Ingestion.Releases;

namespace CodeUpdates.Ingestion.Storage;

/// <summary>
/// Serialises ingestion per code system across every instance with a blob lease on
/// <c>snapshots/locks/{system}</c>: two releases of one system arriving at once are applied one
/// after the other, never interleaved. The lease is renewed while held and expires on its own
/// if the holder dies, so a killed run never blocks the retry for longer than the lease.
/// </summary>
public sealed class SystemLock(BlobServiceClient blobs, TimeProvider time)
{
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(10);

    public TimeSpan WaitLimit { get; init; } = TimeSpan.FromMinutes(3);

    public async Task<IAsyncDisposable> AcquireAsync(CodeSystem system, CancellationToken cancellationToken)
    {
        var blob = blobs.GetBlobContainerClient(StorageNames.SnapshotsContainer).GetBlobClient($"locks/{system.Name()}");
        try
        {
            await blob.UploadAsync(BinaryData.FromString(string.Empty), new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // The lock blob exists (and may be leased): that is the normal case.
        }

        var lease = blob.GetBlobLeaseClient();
        var deadline = time.GetUtcNow() + WaitLimit;
        while (true)
        {
            try
            {
                await lease.AcquireAsync(LeaseDuration, cancellationToken: cancellationToken);
                return new Held(lease);
            }
            catch (RequestFailedException ex) when (ex.Status == 409 && time.GetUtcNow() < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), time, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                // Another ingest of this system is still running: fail transiently so the trigger retries later.
                throw new TimeoutException($"another {system.Name()} release has been ingesting for over {WaitLimit.TotalMinutes:0} minutes; retrying later", ex);
            }
        }
    }

    private sealed class Held : IAsyncDisposable
    {
        private readonly BlobLeaseClient lease;
        private readonly CancellationTokenSource stop = new();
        private readonly Task renewal;

        public Held(BlobLeaseClient lease)
        {
            this.lease = lease;
            renewal = RenewAsync();
        }

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            try
            {
                await renewal;
            }
            catch (Exception ex) when (ex is OperationCanceledException or RequestFailedException or IOException)
            {
                // Stopped, or a renewal failed: either way the work under the lease is over.
            }

            try
            {
                await lease.ReleaseAsync();
            }
            catch (Exception ex) when (ex is RequestFailedException or IOException or TimeoutException)
            {
                // Expired, taken over or unreachable: the lease expires on its own within LeaseDuration.
            }

            stop.Dispose();
        }

        private async Task RenewAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(RenewEvery, stop.Token);
                await lease.RenewAsync(cancellationToken: stop.Token);
            }
        }
    }
}
