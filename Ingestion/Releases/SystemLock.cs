using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Storage;

namespace CodeUpdates.Ingestion.Releases;

/// <summary>
/// Serialises ingestion per code system across every instance with a blob lease on
/// <c>snapshots/locks/{system}</c>: two releases of one system arriving at once are applied one
/// after the other, never interleaved. The lease is renewed while held and expires on its own
/// if the holder dies, so a killed run never blocks the retry for longer than the lease. A
/// renewal that fails is retried while the lease still runs; once the lease is taken by another
/// holder, or would expire before a renewal gets through, <see cref="IHeldLock.Lost"/> fires so
/// the holder stops writing.
/// </summary>
public sealed class SystemLock(BlobServiceClient blobs, TimeProvider time)
{
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(30);

    // Both timings are fixed in the product; only tests shorten them (InternalsVisibleTo).
    internal TimeSpan WaitLimit { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>How often the lease is renewed (a third of its duration, so two renewals may fail before it expires).</summary>
    internal TimeSpan RenewEvery { get; init; } = TimeSpan.FromSeconds(10);

    public async Task<IHeldLock> AcquireAsync(CodeSystem system, CancellationToken cancellationToken)
    {
        var blob = LockBlob(system);
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
                return new Held(lease, RenewEvery, time);
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

    /// <summary>Whether some instance holds the system's lock now (an ingest is running or its lease has not yet expired).</summary>
    public async Task<bool> IsHeldAsync(CodeSystem system, CancellationToken cancellationToken)
    {
        try
        {
            var properties = await LockBlob(system).GetPropertiesAsync(cancellationToken: cancellationToken);
            return properties.Value.LeaseState == LeaseState.Leased;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return false;
        }
    }

    private BlobClient LockBlob(CodeSystem system) =>
        blobs.GetBlobContainerClient(StorageNames.SnapshotsContainer).GetBlobClient($"locks/{system.Name()}");

    private sealed class Held : IHeldLock
    {
        private readonly BlobLeaseClient lease;
        private readonly TimeSpan renewEvery;
        private readonly TimeProvider time;
        private readonly CancellationTokenSource stop = new();
        private readonly CancellationTokenSource lost = new();
        private readonly Task renewal;

        public Held(BlobLeaseClient lease, TimeSpan renewEvery, TimeProvider time)
        {
            this.lease = lease;
            this.renewEvery = renewEvery;
            this.time = time;
            Lost = lost.Token;
            renewal = RenewAsync();
        }

        public CancellationToken Lost { get; }

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            await renewal;
            if (!lost.IsCancellationRequested)
            {
                try
                {
                    await lease.ReleaseAsync();
                }
                catch (Exception ex) when (ex is RequestFailedException or IOException or TimeoutException)
                {
                    // Expired, taken over or unreachable: the lease expires on its own within LeaseDuration.
                }
            }

            stop.Dispose();
            lost.Dispose();
        }

        private async Task RenewAsync()
        {
            var renewedAt = time.GetUtcNow();
            try
            {
                while (true)
                {
                    await Task.Delay(renewEvery, time, stop.Token);
                    try
                    {
                        await lease.RenewAsync(cancellationToken: stop.Token);
                        renewedAt = time.GetUtcNow();
                    }
                    catch (RequestFailedException ex) when (ex.Status is 409 or 412 or 404)
                    {
                        // Another holder has the lease (or the lock blob is gone): the work under it must stop now.
                        await lost.CancelAsync();
                        return;
                    }
                    catch (Exception ex) when (ex is RequestFailedException or IOException or TimeoutException)
                    {
                        // Unreachable for now: try again while the lease still runs, give up before it expires.
                        if (time.GetUtcNow() - renewedAt + renewEvery >= LeaseDuration)
                        {
                            await lost.CancelAsync();
                            return;
                        }
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Disposed: the work under the lease is over.
            }
        }
    }
}
