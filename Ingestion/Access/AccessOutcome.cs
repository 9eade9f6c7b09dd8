namespace CodeUpdates.Ingestion.Access;

/// <summary>Whether a call goes ahead: allowed, not signed in (401) or signed in without the role (403).</summary>
public enum AccessOutcome
{
    Allowed,
    NotSignedIn,
    Forbidden,
}
