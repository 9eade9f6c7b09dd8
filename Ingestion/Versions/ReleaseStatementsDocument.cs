namespace CodeUpdates.Ingestion.Versions;

/// <summary>The stored form of a <see cref="ReleaseStatements"/>.</summary>
public sealed record ReleaseStatementsDocument(string System, IReadOnlyList<StatedRelease> Releases, IReadOnlyList<CodeRuns> Codes);
