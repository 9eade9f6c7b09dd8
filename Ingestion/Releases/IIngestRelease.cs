namespace CodeUpdates.Ingestion.Releases;

/// <summary>The ingestion use case as the trigger adapters see it.</summary>
public interface IIngestRelease
{
    Task<IngestReleaseResult> HandleAsync(IngestReleaseCommand command, CancellationToken cancellationToken);
}
