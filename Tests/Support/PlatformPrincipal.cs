using System.Text;
using System.Text.Json.Nodes;

namespace CodeUpdates.Tests.Support;

/// <summary>
/// X-MS-CLIENT-PRINCIPAL values as App Service Authentication writes them for Microsoft Entra ID callers:
/// base64 of the JSON principal, the token's claims under their own names.
/// </summary>
public static class PlatformPrincipal
{
    public const string EmailClaim = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress";
    public const string RoleClaim = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role";

    /// <summary>A person signed in through the browser, holding <paramref name="roles"/>.</summary>
    public static string Person(string email, params string[] roles)
    {
        var claims = new JsonArray
        {
            Claim("aud", "11111111-2222-3333-4444-555555555555"),
            Claim("iss", "https://login.microsoftonline.com/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee/v2.0"),
            Claim(EmailClaim, email),
            Claim("name", "Display Name Of " + email),
            Claim("http://schemas.microsoft.com/identity/claims/objectidentifier", "0f0f0f0f-1111-2222-3333-444444444444"),
            Claim("preferred_username", email),
            Claim("ver", "2.0"),
        };
        foreach (var role in roles)
        {
            claims.Add(Claim("roles", role));
        }

        return Encode(new JsonObject { ["auth_typ"] = "aad", ["claims"] = claims, ["name_typ"] = EmailClaim, ["role_typ"] = RoleClaim });
    }

    /// <summary>An app that got its token with client credentials: no name, its application id, its roles.</summary>
    public static string App(string appId, params string[] roles)
    {
        var claims = new JsonArray { Claim("aud", "api://11111111-2222-3333-4444-555555555555"), Claim("appid", appId), Claim("ver", "1.0") };
        foreach (var role in roles)
        {
            claims.Add(Claim("roles", role));
        }

        return Encode(new JsonObject { ["auth_typ"] = "aad", ["claims"] = claims, ["name_typ"] = EmailClaim, ["role_typ"] = RoleClaim });
    }

    public static string Encode(JsonObject principal) => Convert.ToBase64String(Encoding.UTF8.GetBytes(principal.ToJsonString()));

    private static JsonObject Claim(string type, string value) => new() { ["typ"] = type, ["val"] = value };
}
