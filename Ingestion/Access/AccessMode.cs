namespace CodeUpdates.Ingestion.Access;

/// <summary>What stands in front of the HTTP routes: the setting <see cref="AccessPolicy.ModeSetting"/>.</summary>
public enum AccessMode
{
    /// <summary>Not set: nothing vouches for a caller, so every route is refused and the header is never read.</summary>
    Unset,

    /// <summary>
    /// <c>codeupdates serve</c> without sign-in: a caller on the same machine is admin; one from another
    /// machine is admin with the admin key (<see cref="AccessPolicy.AdminKeySetting"/>), and refused without it.
    /// </summary>
    Local,

    /// <summary>
    /// App Service Authentication stands in front (infra sets this in Azure), or <c>serve --require-auth</c>:
    /// the caller is the one in <see cref="ClientPrincipalHeader"/>, and its roles decide.
    /// </summary>
    Platform,
}
