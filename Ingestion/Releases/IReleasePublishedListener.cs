namespace CodeUpdates.Ingestion.Releases;

/// <summary>Something in process that must catch up with a release before it is marked published (the version cache).</summary>
public interface IReleasePublishedListener
{
    Task OnReleasePublishedAsync(ReleasePublished release, CancellationToken cancellationToken);
}
