namespace CodeUpdates.Ingestion.ReleaseFiles;

/// <summary>The code systems a release can belong to. The lower-case name is used in blob paths, table keys and URLs.</summary>
public enum CodeSystem
{
    Hcpcs,
    Cpt,
}
