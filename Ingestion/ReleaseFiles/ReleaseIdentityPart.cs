namespace CodeUpdates.Ingestion.ReleaseFiles;

/// <summary>A part of a release's identity that a host can supply when the file does not say it.</summary>
public enum ReleaseIdentityPart
{
    System,
    Effective,
}
