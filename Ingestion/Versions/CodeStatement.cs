using CodeUpdates.Ingestion.ReleaseFiles;

namespace CodeUpdates.Ingestion.Versions;

/// <summary>
/// What one release states about one code, as far as the version rule reads it: the release's
/// effective date, the descriptor kinds the release carries, and the code's record.
/// </summary>
public readonly record struct CodeStatement(DateOnly Effective, IReadOnlyList<string> DescriptorKinds, CodeRecord Record);
