namespace CodeUpdates.Ingestion.Spans;

/// <summary>The JSON answer of <c>/api/code-sets/{system}/{date}</c>; <see cref="Codes"/> is enumerated while it is written.</summary>
/// <param name="Status"><c>valid</c>: the codes valid on the date; <c>any</c>: every code a loaded release has.</param>
public sealed record CodeSetDocument(string System, DateOnly Date, string Status, IEnumerable<CodeSetRow> Codes);
