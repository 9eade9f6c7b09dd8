using CodeUpdates.Ingestion.Access;
using CodeUpdates.Tests.Support;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;

namespace CodeUpdates.Tests.Access;

public sealed class ClientPrincipalHeaderTests
{
    [Fact]
    public void A_person_is_named_by_the_name_type_claim_and_holds_the_roles_claims()
    {
        var caller = ClientPrincipalHeader.Read(PlatformPrincipal.Person("coder@example.org", AppRoles.Reader, "Other.Role"));

        Assert.NotNull(caller);
        Assert.Equal("coder@example.org", caller.Name);
        Assert.Equal(new HashSet<string> { AppRoles.Reader, "Other.Role" }, caller.Roles);
    }

    [Fact]
    public void An_app_with_client_credentials_is_named_by_its_application_id()
    {
        var caller = ClientPrincipalHeader.Read(PlatformPrincipal.App("9d1f5e2a-0000-4000-8000-000000000001", AppRoles.Reader));

        Assert.Equal("app 9d1f5e2a-0000-4000-8000-000000000001", caller?.Name);
        Assert.True(caller?.Holds(Clearance.Reader));
        Assert.False(caller?.Holds(Clearance.Admin));
    }

    [Fact]
    public void Roles_under_the_announced_role_type_count_too()
    {
        var principal = new JsonObject
        {
            ["auth_typ"] = "aad",
            ["name_typ"] = "name",
            ["role_typ"] = PlatformPrincipal.RoleClaim,
            ["claims"] = new JsonArray
            {
                new JsonObject { ["typ"] = "name", ["val"] = "Pat Admin" },
                new JsonObject { ["typ"] = PlatformPrincipal.RoleClaim, ["val"] = AppRoles.Admin },
            },
        };

        var caller = ClientPrincipalHeader.Read(PlatformPrincipal.Encode(principal));

        Assert.Equal("Pat Admin", caller?.Name);
        Assert.True(caller?.IsAdmin);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64 at all!")]
    [InlineData("bm90IGpzb24=")] // "not json"
    [InlineData("eyJhdXRoX3R5cCI6ImFhZCJ9")] // {"auth_typ":"aad"}: no claims
    public void Anything_but_a_principal_is_no_caller(string? header) => Assert.Null(ClientPrincipalHeader.Read(header));
}
