namespace CodeUpdates.Ingestion.Access;

/// <summary>
/// The app roles of the CodeUpdates app registration (defined in infra/hooks/app-roles.json): the values
/// Entra ID puts in a signed-in caller's <c>roles</c> claim.
/// </summary>
public static class AppRoles
{
    /// <summary>Lookups, search, FHIR, releases and their changes, the web pages.</summary>
    public const string Reader = "CodeUpdates.Reader";

    /// <summary>Everything a reader may do, and the subscribers and anything else that changes state.</summary>
    public const string Admin = "CodeUpdates.Admin";
}
