using CodeUpdates.Ingestion.Access;
using CodeUpdates.Tests.Support;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CodeUpdates.Cli.Serve;
using CodeUpdates.Functions;
using CodeUpdates.Functions.Access;
using CodeUpdates.Functions.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CodeUpdates.Tests.Access;

/// <summary>
/// Every HTTP route behind <c>codeupdates serve</c>'s access gate, as <c>serve --require-auth</c> (the
/// checks of Azure, from the X-MS-CLIENT-PRINCIPAL header) and as plain <c>serve</c> (loopback callers are admin).
/// </summary>
[Trait(TestScope.Trait, TestScope.Integration)]
public sealed class ServeAccessTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string ProbeHeader = "X-Access-Probe";
    private const string RemoteAddressHeader = "X-Test-Remote-Address";

    private const string AdminKey = LocalAdminKey.Valid;

    private static readonly string Reader = PlatformPrincipal.Person("coder@example.org", AppRoles.Reader);
    private static readonly string Admin = PlatformPrincipal.Person("admin@example.org", AppRoles.Admin);
    private static readonly string NoRole = PlatformPrincipal.Person("visitor@example.org");

    private static IReadOnlyList<HttpFunction> Functions { get; } = HttpFunctionMap.Discover(typeof(CodeFunctions).Assembly);

    [Fact]
    public async Task With_require_auth_no_principal_is_401_a_reader_on_an_admin_route_403_and_an_admin_reaches_every_route()
    {
        var reached = new ConcurrentDictionary<string, bool>();
        await using var serve = await ServeHost.StartAsync(azurite, Watch(reached), requireAuth: true);

        var adminRoutes = 0;
        foreach (var (function, method) in Functions.SelectMany(f => f.Methods.Select(m => (f, m))))
        {
            var required = FunctionClearance.Of(function.Method);
            Assert.NotNull(required);

            using (var anonymous = await SendAsync(serve, reached, function, method, principal: null))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, anonymous.Status);
                Assert.False(anonymous.Reached, $"{function.Name} ran without a principal");
                Assert.Equal(ExpectedRefusalType(function), anonymous.Response.Content.Headers.ContentType?.MediaType);
            }

            using (var reader = await SendAsync(serve, reached, function, method, Reader))
            {
                if (required == Clearance.Admin)
                {
                    adminRoutes++;
                    Assert.Equal(HttpStatusCode.Forbidden, reader.Status);
                    Assert.False(reader.Reached, $"{function.Name} ran for a reader");
                    Assert.Contains(AppRoles.Admin, await BodyUnlessHeadAsync(reader, method, AppRoles.Admin));
                }
                else
                {
                    AssertAdmitted(reader, function);
                }
            }

            using var admin = await SendAsync(serve, reached, function, method, Admin);
            AssertAdmitted(admin, function);
        }

        // The subscriber routes at least; anything that changes state joins them.
        Assert.True(adminRoutes >= 3, $"only {adminRoutes} admin routes");
    }

    [Fact]
    public async Task With_require_auth_a_signed_in_caller_without_a_role_may_only_ask_who_it_is()
    {
        var reached = new ConcurrentDictionary<string, bool>();
        await using var serve = await ServeHost.StartAsync(azurite, Watch(reached), requireAuth: true);

        foreach (var (function, method) in Functions.SelectMany(f => f.Methods.Select(m => (f, m))))
        {
            using var call = await SendAsync(serve, reached, function, method, NoRole);
            if (FunctionClearance.Of(function.Method) == Clearance.SignedIn)
            {
                AssertAdmitted(call, function);
            }
            else
            {
                Assert.Equal(HttpStatusCode.Forbidden, call.Status);
                Assert.Contains("no CodeUpdates role", await BodyUnlessHeadAsync(call, method, "no CodeUpdates role"));
            }
        }
    }

    [Fact]
    public async Task Plain_serve_admits_every_local_caller_as_admin_and_ignores_the_header()
    {
        var reached = new ConcurrentDictionary<string, bool>();
        await using var serve = await ServeHost.StartAsync(azurite, Watch(reached));

        foreach (var (function, method) in Functions.SelectMany(f => f.Methods.Select(m => (f, m))))
        {
            foreach (var principal in new[] { null, Reader, NoRole })
            {
                using var call = await SendAsync(serve, reached, function, method, principal);
                AssertAdmitted(call, function);
            }
        }

        using var me = await serve.Http.GetAsync("/api/me");
        var body = await me.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(Caller.LocalAdmin.Name, body.GetProperty("name").GetString());
        Assert.True(body.GetProperty("isAdmin").GetBoolean());
    }

    [Fact]
    public async Task Readers_get_their_answers_and_only_admins_change_subscribers()
    {
        await using (var host = await IngestionHost.StartAsync(azurite))
        {
            await host.DropAsync("hcpcs/2019-01-01/excerpt.txt", CmsFiles.Excerpt(CmsFiles.Txt2019, 40));
        }

        await using var serve = await ServeHost.StartAsync(azurite, requireAuth: true);
        var claimsEngine = PlatformPrincipal.App("9d1f5e2a-0000-4000-8000-000000000001", AppRoles.Reader);

        Assert.Equal(HttpStatusCode.OK, (await CallAsync(serve, HttpMethod.Get, "/api/codes/hcpcs/A1?date=2019-06-01", Reader)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(serve, HttpMethod.Get, "/api/codes/hcpcs/A1/history", Reader)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(serve, HttpMethod.Get, "/api/releases", Reader)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(serve, HttpMethod.Get, "/api/releases/hcpcs/2019-01-01/changes", Reader)).StatusCode);
        var lookup = await CallAsync(serve, HttpMethod.Post, "/api/codes/lookup", claimsEngine, """{"items":[{"system":"hcpcs","code":"A1","date":"2019-06-01"}]}""");
        Assert.Equal(HttpStatusCode.OK, lookup.StatusCode);
        Assert.True((await lookup.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results")[0].GetProperty("valid").GetBoolean());

        const string subscriber = "/api/subscribers/coder@example.org";
        const string systems = """{"systems":["hcpcs"]}""";
        Assert.Equal(HttpStatusCode.Forbidden, (await CallAsync(serve, HttpMethod.Put, subscriber, Reader, systems)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await CallAsync(serve, HttpMethod.Put, subscriber, claimsEngine, systems)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await CallAsync(serve, HttpMethod.Get, "/api/subscribers", Reader)).StatusCode);
        Assert.DoesNotContain("coder@example.org", await (await CallAsync(serve, HttpMethod.Get, "/api/subscribers", Admin)).Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, (await CallAsync(serve, HttpMethod.Put, subscriber, Admin, systems)).StatusCode);
        var list = await CallAsync(serve, HttpMethod.Get, "/api/subscribers", Admin);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains("coder@example.org", await list.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await CallAsync(serve, HttpMethod.Delete, subscriber, Reader)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await CallAsync(serve, HttpMethod.Delete, subscriber, Admin)).StatusCode);
    }

    [Fact]
    public async Task Me_names_the_signed_in_caller_and_its_roles_for_the_web_app()
    {
        await using var serve = await ServeHost.StartAsync(azurite, requireAuth: true);

        var reader = await CallAsync(serve, HttpMethod.Get, "/api/me", Reader);
        var admin = await CallAsync(serve, HttpMethod.Get, "/api/me", PlatformPrincipal.Person("admin@example.org", AppRoles.Admin, AppRoles.Reader));
        var anonymous = await CallAsync(serve, HttpMethod.Get, "/api/me", principal: null);

        Assert.Equal(HttpStatusCode.OK, reader.StatusCode);
        Assert.Equal("no-store", reader.Headers.CacheControl?.ToString());
        var me = await reader.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("coder@example.org", me.GetProperty("name").GetString());
        Assert.Equal([AppRoles.Reader], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.False(me.GetProperty("isAdmin").GetBoolean());

        var adminMe = await admin.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal([AppRoles.Admin, AppRoles.Reader], adminMe.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.True(adminMe.GetProperty("isAdmin").GetBoolean());

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Not signed in", (await anonymous.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Plain_serve_with_an_admin_key_admits_a_caller_from_another_machine_only_with_the_key()
    {
        await using var serve = await ServeHost.StartAsync(
            azurite,
            moreSettings: new Dictionary<string, string?> { [AccessPolicy.AdminKeySetting] = AdminKey },
            configureServices: services => services.AddSingleton<IStartupFilter, RemoteAddressFromHeader>());
        const string adminOnly = "/api/subscribers";

        var noKey = await CallFromAsync(serve, "10.0.0.5", adminOnly, key: null);
        var wrongKey = await CallFromAsync(serve, "10.0.0.5", adminOnly, key: AdminKey.ToUpperInvariant());
        var rightKey = await CallFromAsync(serve, "10.0.0.5", adminOnly, key: AdminKey);
        var sameMachine = await CallFromAsync(serve, remoteAddress: null, adminOnly, key: null);
        var me = await CallFromAsync(serve, "192.168.1.20", "/api/me", key: AdminKey);

        foreach (var refused in new[] { noKey, wrongKey })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            var detail = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
            Assert.Contains(AccessPolicy.AdminKeyHeader, detail);
            Assert.DoesNotContain(AdminKey, detail, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(HttpStatusCode.OK, rightKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, sameMachine.StatusCode);
        var caller = await me.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(Caller.KeyHolder.Name, caller.GetProperty("name").GetString());
        Assert.True(caller.GetProperty("isAdmin").GetBoolean());
    }

    [Fact]
    public async Task Plain_serve_without_an_admin_key_refuses_a_caller_from_another_machine_whatever_it_sends()
    {
        await using var serve = await ServeHost.StartAsync(azurite, configureServices: services => services.AddSingleton<IStartupFilter, RemoteAddressFromHeader>());

        using var call = await CallFromAsync(serve, "10.0.0.5", "/api/releases", key: AdminKey);

        Assert.Equal(HttpStatusCode.Unauthorized, call.StatusCode);
        Assert.Contains("same machine", await call.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Plain_serve_answers_only_to_loopback_host_names_and_the_configured_ones()
    {
        await using var serve = await ServeHost.StartAsync(azurite, moreSettings: new Dictionary<string, string?> { ["CodeUpdates:AllowedHosts"] = "codes.example.internal; other.example.internal" });
        var port = new Uri(serve.Url).Port;
        const string subscriber = "/api/subscribers/rebound@example.org";

        // A page that rebound attacker.example to 127.0.0.1 makes the browser send its own name.
        using var rebound = await CallWithHostAsync(serve, HttpMethod.Put, subscriber, $"attacker.example:{port}", """{"systems":["hcpcs"]}""");
        Assert.Equal(HttpStatusCode.MisdirectedRequest, rebound.StatusCode);
        Assert.Equal("application/problem+json", rebound.Content.Headers.ContentType?.MediaType);
        var problem = await rebound.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("attacker.example", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("CodeUpdates__AllowedHosts", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var fhir = await CallWithHostAsync(serve, HttpMethod.Get, "/api/fhir/metadata", "attacker.example");
        Assert.Equal(HttpStatusCode.MisdirectedRequest, fhir.StatusCode);
        Assert.Equal("application/fhir+json", fhir.Content.Headers.ContentType?.MediaType);
        using var page = await CallWithHostAsync(serve, HttpMethod.Get, "/", "127.0.0.1.attacker.example");
        Assert.Equal(HttpStatusCode.MisdirectedRequest, page.StatusCode);

        foreach (var host in new[] { $"localhost:{port}", "LOCALHOST", $"127.0.0.1:{port}", $"[::1]:{port}", $"codes.example.internal:{port}", "Other.Example.Internal" })
        {
            using var allowed = await CallWithHostAsync(serve, HttpMethod.Get, "/api/subscribers", host);
            Assert.True(allowed.StatusCode == HttpStatusCode.OK, $"Host {host}: {(int)allowed.StatusCode}");
            Assert.DoesNotContain("rebound@example.org", await allowed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task With_require_auth_the_host_name_is_left_to_the_sign_in_in_front()
    {
        await using var serve = await ServeHost.StartAsync(azurite, requireAuth: true);

        using var call = await CallWithHostAsync(serve, HttpMethod.Get, "/api/releases", "codes.example.org", principal: Reader);

        Assert.Equal(HttpStatusCode.OK, call.StatusCode);
    }

    private static void AssertAdmitted(Call call, HttpFunction function)
    {
        Assert.True(call.Reached, $"{function.Name} was not reached ({(int)call.Status})");
        Assert.NotEqual(HttpStatusCode.Unauthorized, call.Status);
        Assert.NotEqual(HttpStatusCode.Forbidden, call.Status);
    }

    /// <summary>The response's body; a HEAD answer has none, so it stands for the <paramref name="expected"/> text.</summary>
    private static async Task<string> BodyUnlessHeadAsync(Call call, string method, string expected) =>
        method == "HEAD" ? expected : await call.Response.Content.ReadAsStringAsync();

    /// <summary>A FHIR route refuses with an OperationOutcome, every other one with problem details.</summary>
    private static string ExpectedRefusalType(HttpFunction function) =>
        FhirHttp.IsFhirPath("/" + function.Route) ? "application/fhir+json" : "application/problem+json";

    /// <summary>A middleware after the gate: it sees only the requests the gate let through.</summary>
    private static Action<WebApplication> Watch(ConcurrentDictionary<string, bool> reached) => app => app.Use(async (http, next) =>
    {
        reached[http.Request.Headers[ProbeHeader].ToString()] = true;
        await next(http);
    });

    private static async Task<Call> SendAsync(ServeHost serve, ConcurrentDictionary<string, bool> reached, HttpFunction function, string method, string? principal)
    {
        var probe = $"{method} {function.Route} {Guid.NewGuid():N}";
        using var request = new HttpRequestMessage(new HttpMethod(method), RouteSample.PathOf(function.Route));
        request.Headers.Add(ProbeHeader, probe);
        if (principal is not null)
        {
            request.Headers.Add(ClientPrincipalHeader.Name, principal);
        }

        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        var response = await serve.Http.SendAsync(request);
        return new Call(response, reached.ContainsKey(probe));
    }

    private static async Task<HttpResponseMessage> CallAsync(ServeHost serve, HttpMethod method, string path, string? principal, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (principal is not null)
        {
            request.Headers.Add(ClientPrincipalHeader.Name, principal);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await serve.Http.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> CallWithHostAsync(ServeHost serve, HttpMethod method, string path, string host, string? json = null, string? principal = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Host = host;
        request.Headers.Add("Origin", "http://" + host);
        if (principal is not null)
        {
            request.Headers.Add(ClientPrincipalHeader.Name, principal);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await serve.Http.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> CallFromAsync(ServeHost serve, string? remoteAddress, string path, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (remoteAddress is not null)
        {
            request.Headers.Add(RemoteAddressHeader, remoteAddress);
        }

        if (key is not null)
        {
            request.Headers.Add(AccessPolicy.AdminKeyHeader, key);
        }

        return await serve.Http.SendAsync(request);
    }

    /// <summary>
    /// Before serve's own pipeline, makes a request look as if it came from the address in <see cref="RemoteAddressHeader"/>:
    /// the test reaches serve on loopback, and binding another address is not possible on every machine.
    /// </summary>
    private sealed class RemoteAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (http, rest) =>
            {
                if (IPAddress.TryParse(http.Request.Headers[RemoteAddressHeader].ToString(), out var address))
                {
                    http.Connection.RemoteIpAddress = address;
                }

                await rest(http);
            });
            next(app);
        };
    }

    private sealed record Call(HttpResponseMessage Response, bool Reached) : IDisposable
    {
        public HttpStatusCode Status => Response.StatusCode;

        public void Dispose() => Response.Dispose();
    }
}
