namespace CodeUpdates.Ingestion.Releases;

/// <summary>A held system lock. <see cref="Lost"/> is cancelled once the lease can no longer be kept: work under it must stop.</summary>
public interface IHeldLock : IAsyncDisposable
{
    CancellationToken Lost { get; }
}
