using CodeUpdates.Ingestion.Access;
using CodeUpdates.Tests.Support;
using System.Text.RegularExpressions;
using CodeUpdates.Cli.Commands;
using CodeUpdates.Cli.Serve;

namespace CodeUpdates.Tests.Cli;

/// <summary>
/// Where <c>serve --urls</c> listens, and what serve asks before it answers callers from other machines:
/// without sign-in, an admin key; behind <c>--require-auth</c>, a warning that a sign-in proxy must stand in front.
/// </summary>
public sealed class ServeBindingTests
{
    private const string AdminKey = LocalAdminKey.Valid;

    [Theory]
    [InlineData("http://127.0.0.1:7071", false)]
    [InlineData("http://127.0.0.2:7071", false)]
    [InlineData("http://localhost:7071", false)]
    [InlineData("https://LOCALHOST:7443", false)]
    [InlineData("http://[::1]:7071", false)]
    [InlineData("http://0.0.0.0:7071", true)]
    [InlineData("http://*:7071", true)]
    [InlineData("http://+:7071", true)]
    [InlineData("http://[::]:7071", true)]
    [InlineData("http://192.168.1.20:7071", true)]
    [InlineData("http://10.0.0.5", true)]
    [InlineData("http://codes.example.org:7071", true)]
    [InlineData("http://localhost.example.org:7071", true)]
    public void A_url_reaches_other_machines_unless_its_host_is_loopback_or_localhost(string url, bool beyond) =>
        Assert.Equal(beyond, ServeBinding.ReachesOtherMachines(url));

    [Theory]
    [InlineData("127.0.0.1:7071")]
    [InlineData("localhost")]
    [InlineData("ftp://127.0.0.1:7071")]
    [InlineData("http://127.0.0.1:port")]
    [InlineData(";")]
    [InlineData("")]
    public void A_url_that_is_not_an_absolute_http_or_https_url_is_a_usage_mistake(string urls)
    {
        var mistake = Assert.Throws<UsageException>(() => ServeBinding.Check(urls, new AccessPolicy(AccessMode.Local)));

        Assert.StartsWith("--urls ", mistake.Message, StringComparison.Ordinal);
        Assert.Contains("absolute http or https URL", mistake.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:7071")]
    [InlineData("http://localhost:7071;http://[::1]:7072")]
    public void On_loopback_serve_starts_without_a_key_and_without_a_warning(string urls) =>
        Assert.Null(ServeBinding.Check(urls, new AccessPolicy(AccessMode.Local)));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(LocalAdminKey.TooShort)]
    public void Beyond_this_machine_without_sign_in_or_a_long_enough_key_serve_refuses_naming_the_url_and_what_to_set(string? key)
    {
        var mistake = Assert.Throws<UsageException>(() =>
            ServeBinding.Check("http://127.0.0.1:7071;http://0.0.0.0:7072", new AccessPolicy(AccessMode.Local, key)));

        Assert.Equal(
            "--urls http://0.0.0.0:7072 is reachable from other machines and serve has no sign-in; set CodeUpdates__AdminKey to a key of at least 32 characters (callers send it in x-functions-key), or bind 127.0.0.1",
            mistake.Message);
    }

    [Fact]
    public void Beyond_this_machine_with_an_admin_key_serve_starts_without_a_warning() =>
        Assert.Null(ServeBinding.Check("http://0.0.0.0:7071", new AccessPolicy(AccessMode.Local, AdminKey)));

    [Fact]
    public void Beyond_this_machine_with_require_auth_serve_starts_but_warns_that_the_principal_header_is_trusted()
    {
        var warning = ServeBinding.Check("http://[::]:7071", new AccessPolicy(AccessMode.Platform));

        Assert.Equal(
            $"warning: --urls http://[::]:7071 is reachable from other machines and --require-auth trusts {ClientPrincipalHeader.Name} as sent; a sign-in proxy must stand in front",
            warning);
    }

    [Fact]
    [Trait(TestScope.Trait, TestScope.Integration)]
    public async Task The_command_refuses_a_url_beyond_this_machine_without_a_key_before_it_touches_storage()
    {
        // Nothing listens at this storage: had serve called it first, the error would name the storage.
        var environment = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:{LocalProcess.FreePort()}/devstoreaccount1",
            ["CodeUpdates__AdminKey"] = LocalAdminKey.TooShort,
        };
        var url = $"http://0.0.0.0:{LocalProcess.FreePort()}";

        var run = await BuiltCli.RunAsync(environment, "serve", "--urls", url);

        Assert.Equal(2, run.Exit);
        Assert.Empty(run.Stdout);
        Assert.Equal(
            $"codeupdates: --urls {url} is reachable from other machines and serve has no sign-in; set CodeUpdates__AdminKey to a key of at least 32 characters (callers send it in x-functions-key), or bind 127.0.0.1",
            CliRun.OneLine(run.Stderr));
    }

    [Theory]
    [InlineData("127.0.0.1:7071")]
    [InlineData("http://*:7071")]
    public async Task The_command_answers_a_bad_or_unsafe_url_with_one_line_and_exit_2(string urls)
    {
        // In process, with the test run's environment: it sets no CodeUpdates__AdminKey.
        var run = await CliRun.InProcessAsync("serve", "--urls", urls);

        Assert.Equal(2, run.Exit);
        Assert.Empty(run.Stdout);
        Assert.Matches($@"^codeupdates: --urls \S*{Regex.Escape(urls)}\S* ", CliRun.OneLine(run.Stderr));
        Assert.Single(run.Stderr.TrimEnd().Split('\n'));
    }
}
