namespace CodeUpdates.Ingestion.Diff;

/// <summary>The disagreements of one cause, counted, with what a coder should do about them (for the release page and the mail).</summary>
public sealed record CmsActionCause(string Cause, int Codes, string Advice);
