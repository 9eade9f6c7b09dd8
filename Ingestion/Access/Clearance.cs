namespace CodeUpdates.Ingestion.Access;

/// <summary>What a route asks of its caller, from least to most.</summary>
public enum Clearance
{
    /// <summary>Any signed-in caller, with or without a role (who-am-I).</summary>
    SignedIn,

    /// <summary><see cref="AppRoles.Reader"/> or <see cref="AppRoles.Admin"/>.</summary>
    Reader,

    /// <summary><see cref="AppRoles.Admin"/>.</summary>
    Admin,
}
