using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace CodeUpdates.Ingestion.Access;

/// <summary>The one access rule both hosts apply before any HTTP function runs.</summary>
/// <param name="adminKey">The admin key for callers from other machines in <see cref="AccessMode.Local"/>; one shorter than <see cref="AdminKeyMinimumLength"/> is not accepted.</param>
public sealed class AccessPolicy(AccessMode mode, string? adminKey = null)
{
    /// <summary>The setting naming the <see cref="AccessMode"/> (app setting <c>CodeUpdates__Auth__Mode</c>).</summary>
    public const string ModeSetting = "CodeUpdates:Auth:Mode";

    /// <summary>The admin key of a <see cref="AccessMode.Local"/> host.</summary>
    public const string AdminKeySetting = "CodeUpdates:AdminKey";

    /// <summary><see cref="AdminKeySetting"/> as an environment variable, the name refusals tell people to set.</summary>
    public const string AdminKeyVariable = "CodeUpdates__AdminKey";

    /// <summary>The header a caller sends the admin key in: the one Azure Functions reads function and admin keys from.</summary>
    public const string AdminKeyHeader = "x-functions-key";

    /// <summary>A key anyone could guess in reach of the network is no key: 32 characters at least.</summary>
    public const int AdminKeyMinimumLength = 32;

    // Compared as hashes, so that neither the key's content nor its length shows in how long a refusal takes.
    private readonly byte[]? adminKeyHash = adminKey is { Length: >= AdminKeyMinimumLength } ? Hash(adminKey) : null;

    public AccessMode Mode => mode;

    /// <summary>Whether a caller from another machine can be admitted at all: behind sign-in, or locally with an admin key.</summary>
    public bool AnswersOtherMachines => mode == AccessMode.Platform || (mode == AccessMode.Local && adminKeyHash is not null);

    /// <summary>The policy the settings ask for; a value that names no mode stops the host rather than guess.</summary>
    public static AccessPolicy FromSettings(IConfiguration configuration)
    {
        var value = configuration[ModeSetting];
        if (string.IsNullOrWhiteSpace(value))
        {
            return new AccessPolicy(AccessMode.Unset);
        }

        AccessMode[] settable = [AccessMode.Platform, AccessMode.Local];
        return settable.Where(m => m.ToString().Equals(value.Trim(), StringComparison.OrdinalIgnoreCase)).Select(m => new AccessPolicy(m, configuration[AdminKeySetting])).FirstOrDefault()
            ?? throw new InvalidOperationException($"{ModeSetting} is '{value}': set it to {AccessMode.Platform} (sign-in in front) or {AccessMode.Local} (a local host without sign-in)");
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
    /// <param name="presentedKey">The <see cref="AdminKeyHeader"/> header as received, if any.</param>
    public AccessDecision Decide(Clearance required, string? principalHeader, bool callerIsLocal, string? presentedKey = null)
    {
        switch (mode)
        {
            case AccessMode.Local:
                return DecideLocally(callerIsLocal, presentedKey);
            case AccessMode.Platform:
                // The key is not read here: behind sign-in every caller is a principal with roles, and a
                // shared key beside it would be a second way in that no role assignment governs.
                break;
            default:
                // Unset: nothing vouches for a caller, a key included.
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

    private AccessDecision DecideLocally(bool callerIsLocal, string? presentedKey)
    {
        if (callerIsLocal)
        {
            return new AccessDecision(AccessOutcome.Allowed, Caller.LocalAdmin, null);
        }

        if (adminKeyHash is null)
        {
            return new AccessDecision(AccessOutcome.NotSignedIn, null, "This host does not enforce sign-in, so it answers only callers on the same machine.");
        }

        const string sendKey = $"send the value of {AdminKeyVariable} in the {AdminKeyHeader} header.";
        if (string.IsNullOrEmpty(presentedKey))
        {
            return new AccessDecision(AccessOutcome.NotSignedIn, null, $"This host answers other machines only with its admin key: {sendKey}");
        }

        return CryptographicOperations.FixedTimeEquals(Hash(presentedKey), adminKeyHash)
            ? new AccessDecision(AccessOutcome.Allowed, Caller.KeyHolder, null)
            : new AccessDecision(AccessOutcome.NotSignedIn, null, $"The {AdminKeyHeader} header does not hold this host's admin key: {sendKey}");
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
