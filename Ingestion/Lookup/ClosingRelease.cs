namespace CodeUpdates.Ingestion.Lookup;

/// <summary>The release whose publish ended a version's being known: its date and the file it came from.</summary>
public sealed record ClosingRelease(DateOnly Effective, string Source);
