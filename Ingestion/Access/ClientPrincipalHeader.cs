using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CodeUpdates.Ingestion.Access;

/// <summary>
/// Reads the caller App Service Authentication passes to the app: <c>X-MS-CLIENT-PRINCIPAL</c>, base64 of
/// <c>{"auth_typ":…,"name_typ":…,"role_typ":…,"claims":[{"typ":…,"val":…}]}</c>. The platform sets the
/// header itself and drops one a client sends, so it is trusted only where the platform stands in front
/// (see <see cref="AccessPolicy"/>).
/// </summary>
public static class ClientPrincipalHeader
{
    public const string Name = "X-MS-CLIENT-PRINCIPAL";

    // Entra ID passes the token's own claim names ("roles", "name"); the long forms are what name_typ
    // and role_typ usually announce, and are read too.
    private static readonly string[] RoleClaims = ["roles", "http://schemas.microsoft.com/ws/2008/06/identity/claims/role"];
    private static readonly string[] NameClaims = ["name", "preferred_username", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name"];

    // An app signed in with client credentials has no name: its application id stands for it.
    private static readonly string[] AppIdClaims = ["appid", "azp"];

    /// <summary>The caller the header describes; null when it is absent or not a principal (the caller is then not signed in).</summary>
    public static Caller? Read(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var bytes = new byte[value.Length];
        if (!Convert.TryFromBase64String(value.Trim(), bytes, out var length))
        {
            return null;
        }

        Principal? principal;
        try
        {
            principal = JsonSerializer.Deserialize<Principal>(bytes.AsSpan(0, length));
        }
        catch (JsonException)
        {
            return null;
        }

        if (principal?.Claims is not { } claims)
        {
            return null;
        }

        var roleTypes = RoleClaims.Append(principal.RoleType).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        var roles = claims.Where(c => c.Type is not null && roleTypes.Contains(c.Type) && !string.IsNullOrEmpty(c.Value))
            .Select(c => c.Value!)
            .ToHashSet(StringComparer.Ordinal);
        return new Caller(NameOf(principal, claims), roles);
    }

    private static string NameOf(Principal principal, IReadOnlyList<Claim> claims)
    {
        string? First(IEnumerable<string?> types) => types.OfType<string>()
            .Select(t => claims.FirstOrDefault(c => string.Equals(c.Type, t, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(c.Value))?.Value)
            .FirstOrDefault(v => v is not null);

        return First(NameClaims.Prepend(principal.NameType))
            ?? (First(AppIdClaims) is { } appId ? $"app {appId}" : "signed-in caller");
    }

    private sealed record Principal(
        [property: JsonPropertyName("auth_typ")] string? AuthType,
        [property: JsonPropertyName("name_typ")] string? NameType,
        [property: JsonPropertyName("role_typ")] string? RoleType,
        [property: JsonPropertyName("claims")] IReadOnlyList<Claim>? Claims);

    private sealed record Claim(
        [property: JsonPropertyName("typ")] string? Type,
        [property: JsonPropertyName("val")] string? Value);
}
