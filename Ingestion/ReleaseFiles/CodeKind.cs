namespace CodeUpdates.Ingestion.ReleaseFiles;

/// <summary>Whether a code is a procedure (5 characters) or a modifier (2 characters).</summary>
public enum CodeKind
{
    Procedure,
    Modifier,
}
