using CodeUpdates.Ingestion.Releases;

namespace CodeUpdates.Ingestion.Ingest;

/// <summary>
/// A release's version rows and its system's head row are written, and its record is about to say
/// published. <see cref="IngestReleaseHandler"/> tells every listener in process and waits for them, so
/// what the record promises (lookups answer the release) already holds on this instance when it says so.
/// </summary>
public sealed record ReleasePublished(CodeSystem System, DateOnly Effective);

/// <summary>Something in process that must catch up with a release before it is marked published (the version cache).</summary>
public interface IReleasePublishedListener
{
    Task OnReleasePublishedAsync(ReleasePublished release, CancellationToken cancellationToken);
}
