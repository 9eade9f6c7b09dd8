using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Ingestion.Versions;

namespace CodeUpdates.Ingestion.Lookup;

/// <summary>
/// One code as known in <paramref name="State"/>: its versions then (null when it was in no release published by then),
/// and every row stored for it, present and closed, for its superseded versions.
/// </summary>
public sealed record KnownCode(KnowledgeState State, IReadOnlyList<CodeVersion>? Versions, IReadOnlyList<KnownVersion> Rows);
