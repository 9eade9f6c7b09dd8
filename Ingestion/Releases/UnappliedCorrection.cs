namespace CodeUpdates.Ingestion.Releases;

/// <summary>A line of a corrections document that was not applied, as the document gives it, and why.</summary>
/// <param name="Line">Its row or line number in the document.</param>
/// <param name="Code">The code it names.</param>
/// <param name="Action">Its ACTION text.</param>
/// <param name="Text">The line as the document states it (code, action, texts), cut to <see cref="ReleaseCorrections.MaxTextChars"/>.</param>
/// <param name="Reason">Why it was not applied.</param>
public sealed record UnappliedCorrection(int Line, string Code, string Action, string Text, string Reason);
