namespace CodeUpdates.Ingestion.Releases;

/// <summary>What one sweep did: files ingested that had no record, and releases resumed that were left processing or published with their change report not queued.</summary>
public sealed record ReleaseSweepResult(int Ingested, int Resumed, int Failed);
