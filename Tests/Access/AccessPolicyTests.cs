using CodeUpdates.Ingestion.Access;
using CodeUpdates.Tests.Support;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;

namespace CodeUpdates.Tests.Access;

public sealed class AccessPolicyTests
{
    private static readonly AccessPolicy Platform = new(AccessMode.Platform);

    private const string AdminKey = LocalAdminKey.Valid;

    private static readonly string Reader = PlatformPrincipal.Person("coder@example.org", AppRoles.Reader);
    private static readonly string Admin = PlatformPrincipal.Person("admin@example.org", AppRoles.Admin);
    private static readonly string NoRole = PlatformPrincipal.Person("visitor@example.org");

    [Theory]
    [InlineData(Clearance.Reader)]
    [InlineData(Clearance.Admin)]
    [InlineData(Clearance.SignedIn)]
    public void Behind_the_platform_no_principal_is_not_signed_in(Clearance required)
    {
        var decision = Platform.Decide(required, principalHeader: null, callerIsLocal: true);

        Assert.Equal(AccessOutcome.NotSignedIn, decision.Outcome);
        Assert.Null(decision.Caller);
        Assert.Contains("Sign in", decision.Detail);
    }

    [Fact]
    public void A_reader_may_read_but_not_administer()
    {
        Assert.Equal(AccessOutcome.Allowed, Platform.Decide(Clearance.Reader, Reader, callerIsLocal: false).Outcome);

        var admin = Platform.Decide(Clearance.Admin, Reader, callerIsLocal: false);
        Assert.Equal(AccessOutcome.Forbidden, admin.Outcome);
        Assert.Equal("coder@example.org", admin.Caller?.Name);
        Assert.Contains(AppRoles.Admin, admin.Detail);
        Assert.Contains("coder@example.org holds CodeUpdates.Reader", admin.Detail);
    }

    [Theory]
    [InlineData(Clearance.SignedIn)]
    [InlineData(Clearance.Reader)]
    [InlineData(Clearance.Admin)]
    public void An_admin_may_call_every_route(Clearance required)
    {
        var decision = Platform.Decide(required, Admin, callerIsLocal: false);

        Assert.True(decision.Allowed);
        Assert.Equal("admin@example.org", decision.Caller?.Name);
        Assert.Null(decision.Detail);
    }

    [Fact]
    public void Signed_in_without_a_role_may_only_ask_who_it_is()
    {
        Assert.True(Platform.Decide(Clearance.SignedIn, NoRole, callerIsLocal: false).Allowed);

        var read = Platform.Decide(Clearance.Reader, NoRole, callerIsLocal: false);
        Assert.Equal(AccessOutcome.Forbidden, read.Outcome);
        Assert.Contains("no CodeUpdates role", read.Detail);
    }

    [Fact]
    public void Locally_every_caller_on_the_machine_is_admin_and_the_header_is_not_read()
    {
        var local = new AccessPolicy(AccessMode.Local);

        var anonymous = local.Decide(Clearance.Admin, principalHeader: null, callerIsLocal: true);
        var claimsReader = local.Decide(Clearance.Admin, Reader, callerIsLocal: true);

        Assert.True(anonymous.Allowed);
        Assert.Same(Caller.LocalAdmin, anonymous.Caller);
        Assert.True(claimsReader.Allowed);
        Assert.Same(Caller.LocalAdmin, claimsReader.Caller);
    }

    [Fact]
    public void Locally_a_caller_from_another_machine_is_refused_even_with_a_principal()
    {
        var decision = new AccessPolicy(AccessMode.Local).Decide(Clearance.Reader, Admin, callerIsLocal: false);

        Assert.Equal(AccessOutcome.NotSignedIn, decision.Outcome);
        Assert.Contains("same machine", decision.Detail);
    }

    [Fact]
    public void Locally_with_an_admin_key_a_caller_on_the_machine_is_still_admin_without_it()
    {
        var decision = new AccessPolicy(AccessMode.Local, AdminKey).Decide(Clearance.Admin, principalHeader: null, callerIsLocal: true, presentedKey: null);

        Assert.True(decision.Allowed);
        Assert.Same(Caller.LocalAdmin, decision.Caller);
    }

    [Theory]
    [InlineData(Clearance.SignedIn)]
    [InlineData(Clearance.Reader)]
    [InlineData(Clearance.Admin)]
    public void Locally_a_caller_from_another_machine_with_the_admin_key_is_admin(Clearance required)
    {
        var decision = new AccessPolicy(AccessMode.Local, AdminKey).Decide(required, principalHeader: null, callerIsLocal: false, presentedKey: AdminKey);

        Assert.True(decision.Allowed);
        Assert.Same(Caller.KeyHolder, decision.Caller);
        Assert.True(decision.Caller?.IsAdmin);
    }

    [Fact]
    public void Locally_a_wrong_admin_key_is_not_signed_in_and_the_answer_says_what_to_send_without_either_key()
    {
        var wrong = AdminKey[..^1] + "x";

        var decision = new AccessPolicy(AccessMode.Local, AdminKey).Decide(Clearance.Reader, Admin, callerIsLocal: false, presentedKey: wrong);

        Assert.Equal(AccessOutcome.NotSignedIn, decision.Outcome);
        Assert.Null(decision.Caller);
        Assert.Contains(AccessPolicy.AdminKeyHeader, decision.Detail);
        Assert.DoesNotContain(AdminKey, decision.Detail);
        Assert.DoesNotContain(wrong, decision.Detail);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Locally_a_missing_admin_key_is_not_signed_in_and_the_answer_names_the_header_and_the_setting(string? presented)
    {
        var decision = new AccessPolicy(AccessMode.Local, AdminKey).Decide(Clearance.Admin, principalHeader: null, callerIsLocal: false, presentedKey: presented);

        Assert.Equal(AccessOutcome.NotSignedIn, decision.Outcome);
        Assert.Contains(AccessPolicy.AdminKeyHeader, decision.Detail);
        Assert.Contains("CodeUpdates__AdminKey", decision.Detail);
        Assert.DoesNotContain(AdminKey, decision.Detail);
    }

    [Fact]
    public void An_admin_key_shorter_than_32_characters_admits_no_one_from_another_machine()
    {
        const string shortKey = LocalAdminKey.TooShort;

        var decision = new AccessPolicy(AccessMode.Local, shortKey).Decide(Clearance.Reader, principalHeader: null, callerIsLocal: false, presentedKey: shortKey);

        Assert.Equal(AccessOutcome.NotSignedIn, decision.Outcome);
        Assert.False(new AccessPolicy(AccessMode.Local, shortKey).AnswersOtherMachines);
        Assert.True(new AccessPolicy(AccessMode.Local, AdminKey).AnswersOtherMachines);
    }

    [Theory]
    [InlineData(AccessMode.Platform)]
    [InlineData(AccessMode.Unset)]
    public void Behind_the_platform_or_without_the_setting_the_admin_key_admits_no_one(AccessMode mode)
    {
        var decision = new AccessPolicy(mode, AdminKey).Decide(Clearance.Reader, principalHeader: null, callerIsLocal: false, presentedKey: AdminKey);

        Assert.Equal(AccessOutcome.NotSignedIn, decision.Outcome);
        Assert.Null(decision.Caller);
    }

    [Fact]
    public void The_admin_key_comes_from_its_setting()
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [AccessPolicy.ModeSetting] = nameof(AccessMode.Local),
            [AccessPolicy.AdminKeySetting] = AdminKey,
        }).Build();

        var decision = AccessPolicy.FromSettings(settings).Decide(Clearance.Admin, principalHeader: null, callerIsLocal: false, presentedKey: AdminKey);

        Assert.True(decision.Allowed);
    }

    [Fact]
    public void Without_the_setting_the_header_is_never_trusted()
    {
        var decision = new AccessPolicy(AccessMode.Unset).Decide(Clearance.Reader, Admin, callerIsLocal: true);

        Assert.Equal(AccessOutcome.NotSignedIn, decision.Outcome);
        Assert.Null(decision.Caller);
        Assert.Contains(AccessPolicy.ModeSetting, decision.Detail);
    }

    [Theory]
    [InlineData(new[] { "get" }, Clearance.Reader)]
    [InlineData(new[] { "GET", "HEAD" }, Clearance.Reader)]
    [InlineData(new[] { "post" }, Clearance.Admin)]
    [InlineData(new[] { "put" }, Clearance.Admin)]
    [InlineData(new[] { "delete" }, Clearance.Admin)]
    [InlineData(new[] { "get", "post" }, Clearance.Admin)]
    public void A_route_that_declares_nothing_needs_a_reader_to_read_and_an_admin_for_anything_else(string[] methods, Clearance expected) =>
        Assert.Equal(expected, AccessPolicy.Required(declared: null, methods));

    [Fact]
    public void A_declared_clearance_wins_over_the_method() =>
        Assert.Equal(Clearance.Reader, AccessPolicy.Required(Clearance.Reader, ["post"]));

    [Theory]
    [InlineData(null, AccessMode.Unset)]
    [InlineData("", AccessMode.Unset)]
    [InlineData("Platform", AccessMode.Platform)]
    [InlineData("platform", AccessMode.Platform)]
    [InlineData(" Local ", AccessMode.Local)]
    public void The_mode_comes_from_the_setting(string? value, AccessMode expected)
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [AccessPolicy.ModeSetting] = value }).Build();

        Assert.Equal(expected, AccessPolicy.FromSettings(settings).Mode);
    }

    [Theory]
    [InlineData("Unset")]
    [InlineData("2")]
    [InlineData("EasyAuth")]
    public void A_mode_the_setting_cannot_name_stops_the_host(string value)
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [AccessPolicy.ModeSetting] = value }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => AccessPolicy.FromSettings(settings));
        Assert.Contains(value, error.Message);
    }
}
