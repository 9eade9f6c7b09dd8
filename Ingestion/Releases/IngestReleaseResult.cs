namespace CodeUpdates.Ingestion.Releases;

public sealed record IngestReleaseResult(IngestOutcome Outcome, ReleaseRecord? Release, int VersionRowsWritten);
