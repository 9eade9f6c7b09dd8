namespace CodeUpdates.Ingestion.Versions;

/// <summary>One code's statements as runs.</summary>
public sealed record CodeRuns(string Code, IReadOnlyList<StatementRunDocument> Runs);
