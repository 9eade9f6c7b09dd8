using CodeUpdates.Ingestion.ReleaseFiles;

namespace CodeUpdates.Ingestion.Releases;

/// <summary>The changes, in one format, of a file published for <paramref name="Effective"/> and later replaced, named by its hash (lower case).</summary>
public sealed record SupersededChangesQuery(CodeSystem System, DateOnly Effective, string Sha256, string Format);
