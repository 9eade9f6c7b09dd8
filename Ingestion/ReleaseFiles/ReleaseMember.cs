namespace CodeUpdates.Ingestion.ReleaseFiles;

/// <summary>One file to read: the dropped file itself, or one member of a dropped zip.</summary>
/// <param name="Name">File name, with the zip folder path for members (for example <c>CPT 2026/LONGULT.txt</c>).</param>
public sealed record ReleaseMember(string Name, byte[] Content)
{
    public string FileName => Path.GetFileName(Name.Replace('\\', '/'));

    public string Extension => Path.GetExtension(FileName).ToLowerInvariant();
}
