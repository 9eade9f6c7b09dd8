namespace CodeUpdates.Ingestion.Access;

/// <summary>Who calls: a person or an app the sign-in layer vouched for, with its app roles.</summary>
public sealed record Caller(string Name, IReadOnlySet<string> Roles)
{
    /// <summary>Every caller on the same machine as a local host that does not enforce sign-in.</summary>
    public static Caller LocalAdmin { get; } = new("local admin", AdminRoles());

    /// <summary>A caller from another machine that sent a local host's admin key (<see cref="AccessPolicy.AdminKeySetting"/>).</summary>
    public static Caller KeyHolder { get; } = new("admin key holder", AdminRoles());

    public bool IsAdmin => Roles.Contains(AppRoles.Admin);

    /// <summary>Whether the caller may call a route asking for <paramref name="clearance"/>; an admin may do all a reader may.</summary>
    public bool Holds(Clearance clearance) => clearance switch
    {
        Clearance.SignedIn => true,
        Clearance.Reader => IsAdmin || Roles.Contains(AppRoles.Reader),
        Clearance.Admin => IsAdmin,
        _ => false,
    };

    private static HashSet<string> AdminRoles() => new(StringComparer.Ordinal) { AppRoles.Reader, AppRoles.Admin };
}
