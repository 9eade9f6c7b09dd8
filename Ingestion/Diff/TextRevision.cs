namespace CodeUpdates.Ingestion.Diff;

/// <summary>A descriptor whose words changed, with the word runs a report marks.</summary>
public sealed record TextRevision(string Descriptor, string Before, string After, IReadOnlyList<WordRun> Words);
