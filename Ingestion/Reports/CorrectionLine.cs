namespace CodeUpdates.Ingestion.Reports;

/// <summary>A line of a corrections document that was not applied, as reports show it: its text as the document gives it, and why.</summary>
public sealed record CorrectionLine(int Line, string Code, string Action, string Text, string Reason);
