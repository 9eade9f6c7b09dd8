namespace CodeUpdates.Ingestion.Diff;

/// <summary>A run of words in a word-level text diff, in reading order.</summary>
public sealed record WordRun(WordChange Change, string Text);
