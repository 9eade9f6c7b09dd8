using CodeUpdates.Ingestion.ReleaseFiles;

namespace CodeUpdates.Ingestion.Releases;

/// <summary>A release with a corrections document applied: the corrected snapshot (same system and date) and what was applied.</summary>
public sealed record CorrectedRelease(ReleaseSnapshot Snapshot, ReleaseCorrections Corrections);
