using Microsoft.Extensions.Configuration;

namespace CodeUpdates.Ingestion.Access;

/// <summary>What stands in front of the HTTP routes: the setting <see cref="AccessPolicy.ModeSetting"/>.</summary>
public enum AccessMode
{
    /// <summary>Not set: nothing vouches for a caller, so every route is refused and the header is never read.</summary>
    Unset,

    /// <summary><c>codeupdates serve</c> without sign-in: a caller on the same machine is admin, any other is refused.</summary>
    Local,

    /// <summary>
    /// App Service Authentication stands in front (infra sets this in Azure), or <c>serve --require-auth</c>:
    /// the caller is the one in <see cref="ClientPrincipalHeader"/>, and its roles decide.
    /// </summary>
    Platform,
}

/// <summary>Whether a call goes ahead: allowed, not signed in (401) or signed in without the role (403).</summary>
public enum AccessOutcome
{
    Allowed,
    NotSignedIn,
    Forbidden,
}

/// <summary>The outcome for one call, with the caller when there is one and, when refused, why in words for the caller.</summary>
public sealed record AccessDecision(AccessOutcome Outcome, Caller? Caller, string? Detail)
{
    public bool Allowed => Outcome == AccessOutcome.Allowed;
}

/// <summary>The one access rule both hosts apply before any HTTP function runs.</summary>
public sealed class AccessPolicy(AccessMode mode)
{
    /// <summary>The setting naming the <see cref="AccessMode"/> (app setting <c>CodeUpdates__Auth__Mode</c>).</summary>
    public const string ModeSetting = "CodeUpdates:Auth:Mode";

    public AccessMode Mode => mode;

    /// <summary>The policy the settings ask for; a value that names no mode stops the host rather than guess.</summary>
    public static AccessPolicy FromSettings(IConfiguration configuration)
    {
        var value = configuration[ModeSetting];
        if (string.IsNullOrWhiteSpace(value))
        {
            return new AccessPolicy(AccessMode.Unset);
        }

        AccessMode[] settable = [AccessMode.Platform, AccessMode.Local];
        return settable.Where(m => m.ToString().Equals(value.Trim(), StringComparison.OrdinalIgnoreCase)).Select(m => new AccessPolicy(m)).FirstOrDefault()
            ?? throw new InvalidOperationException($"{ModeSetting} is '{value}': set it to {AccessMode.Platform} (sign-in in front) or {AccessMode.Local} (a loopback-only local host)");
    }

    /// <summary>
    /// What a route asks of its caller: what the function declares, else a reader for a route that only
    /// reads (GET, HEAD) and an admin for any other method, so that a new route changing state is closed by default.
    /// </summary>
    public static Clearance Required(Clearance? declared, IEnumerable<string> httpMethods) =>
        declared ?? (httpMethods.All(m => m.Equals("GET", StringComparison.OrdinalIgnoreCase) || m.Equals("HEAD", StringComparison.OrdinalIgnoreCase))
            ? Clearance.Reader
            : Clearance.Admin);

    /// <param name="required">What the route asks (<see cref="Required"/>).</param>
    /// <param name="principalHeader">The <see cref="ClientPrincipalHeader.Name"/> header as received, if any.</param>
    /// <param name="callerIsLocal">The connection comes from the same machine (loopback).</param>
    public AccessDecision Decide(Clearance required, string? principalHeader, bool callerIsLocal)
    {
        switch (mode)
        {
            case AccessMode.Local:
                return callerIsLocal
                    ? new AccessDecision(AccessOutcome.Allowed, Caller.LocalAdmin, null)
                    : new AccessDecision(AccessOutcome.NotSignedIn, null, "This host does not enforce sign-in, so it answers only callers on the same machine.");
            case AccessMode.Platform:
                break;
            default:
                return new AccessDecision(AccessOutcome.NotSignedIn, null, $"Sign-in is not configured on this host ({ModeSetting}), so no caller can be trusted.");
        }

        if (ClientPrincipalHeader.Read(principalHeader) is not { } caller)
        {
            return new AccessDecision(AccessOutcome.NotSignedIn, null, "Sign in with Microsoft Entra ID, or send a bearer token for this app.");
        }

        if (!caller.Holds(required))
        {
            var held = caller.Roles.Count == 0 ? "no CodeUpdates role" : string.Join(", ", caller.Roles.Order(StringComparer.Ordinal));
            var wanted = required == Clearance.Admin ? AppRoles.Admin : $"{AppRoles.Reader} or {AppRoles.Admin}";
            return new AccessDecision(AccessOutcome.Forbidden, caller, $"This needs the app role {wanted}; {caller.Name} holds {held}. An admin grants roles on the CodeUpdates enterprise application.");
        }

        return new AccessDecision(AccessOutcome.Allowed, caller, null);
    }
}
