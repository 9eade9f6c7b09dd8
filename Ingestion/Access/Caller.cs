namespace CodeUpdates.Ingestion.Access;

/// <summary>Who calls: a person or an app the sign-in layer vouched for, with its app roles.</summary>
public sealed record Caller(string Name, IReadOnlySet<string> Roles)
{
    /// <summary>Every caller of a loopback-only local host when sign-in is not enforced.</summary>
    public static Caller LocalAdmin { get; } = new("local admin", new HashSet<string>(StringComparer.Ordinal) { AppRoles.Reader, AppRoles.Admin });

    public bool IsAdmin => Roles.Contains(AppRoles.Admin);

    /// <summary>Whether the caller may call a route asking for <paramref name="clearance"/>; an admin may do all a reader may.</summary>
    public bool Holds(Clearance clearance) => clearance switch
    {
        Clearance.SignedIn => true,
        Clearance.Reader => IsAdmin || Roles.Contains(AppRoles.Reader),
        Clearance.Admin => IsAdmin,
        _ => false,
    };
}
