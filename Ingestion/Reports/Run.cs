namespace CodeUpdates.Ingestion.Reports;

/// <summary>A run of text with its mark.</summary>
public sealed record Run(string Text, Mark Mark = Mark.None);
