namespace CodeUpdates.Ingestion.Diff;

/// <summary>A non-descriptor field whose value changed (CMS column name, values as text).</summary>
public sealed record FieldRevision(string Field, string? Before, string? After);
