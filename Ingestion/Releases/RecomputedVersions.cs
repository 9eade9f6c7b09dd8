using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Versions;
using Microsoft.Extensions.Logging;

namespace CodeUpdates.Ingestion.Releases;

/// <summary>
/// What one recompute stored for a system: the versions of each code it recomputed (empty for a code
/// no release has any more), every code of the system when <paramref name="WholeSystem"/>, and how many
/// rows it wrote. The publishing instance's cache applies exactly this instead of reading the system again.
/// </summary>
public sealed record RecomputedVersions(IReadOnlyDictionary<string, IReadOnlyList<CodeVersion>> ByCode, bool WholeSystem, int RowsWritten);
