namespace CodeUpdates.Ingestion.ReleaseFiles;

/// <summary>
/// A dropped file as the pipeline receives it.
/// </summary>
/// <param name="Name">The blob name inside the releases container (for example <c>hcpcs/HCPC2025_JAN_ANWEB.xlsx</c>) or a local path.</param>
/// <param name="Content">The file's bytes.</param>
/// <param name="Metadata">Blob metadata; <c>effective</c> (yyyy-MM-dd) and <c>system</c> are honoured.</param>
public sealed record ReleaseFile(string Name, byte[] Content, IReadOnlyDictionary<string, string>? Metadata = null);

/// <summary>One file to read: the dropped file itself, or one member of a dropped zip.</summary>
/// <param name="Name">File name, with the zip folder path for members (for example <c>CPT 2026/LONGULT.txt</c>).</param>
public sealed record ReleaseMember(string Name, byte[] Content)
{
    public string FileName => Path.GetFileName(Name.Replace('\\', '/'));

    public string Extension => Path.GetExtension(FileName).ToLowerInvariant();
}
