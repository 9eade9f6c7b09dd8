namespace CodeUpdates.Ingestion.Lookup;

/// <summary>Where lookups get the versions from: the in-process cache.</summary>
public interface IVersionSource
{
    ValueTask<IVersionIndex> GetAsync(CancellationToken cancellationToken);
}
