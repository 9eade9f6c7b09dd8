namespace CodeUpdates.Ingestion.ReleaseFiles;

/// <summary>
/// A dropped file as the pipeline receives it.
/// </summary>
/// <param name="Name">The blob name inside the releases container (for example <c>hcpcs/HCPC2025_JAN_ANWEB.xlsx</c>) or a local path.</param>
/// <param name="Content">The file's bytes.</param>
/// <param name="Metadata">Blob metadata; <c>effective</c> (yyyy-MM-dd) and <c>system</c> are honoured.</param>
public sealed record ReleaseFile(string Name, byte[] Content, IReadOnlyDictionary<string, string>? Metadata = null);
