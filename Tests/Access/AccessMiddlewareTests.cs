using CodeUpdates.Ingestion.Access;
using CodeUpdates.Tests.Support;
using System.Reflection;
using System.Text.Json;
using CodeUpdates.Functions;
using CodeUpdates.Functions.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace CodeUpdates.Tests.Access;

/// <summary>
/// The isolated worker's side of the gate: <see cref="AccessMiddleware"/> over each HTTP function of the
/// Functions app as the worker presents it (its entry point and the ASP.NET Core HttpContext), behind the platform.
/// </summary>
public sealed class AccessMiddlewareTests
{
    private static readonly AccessMiddleware Platform = new(new AccessPolicy(AccessMode.Platform));

    private static readonly string Reader = PlatformPrincipal.Person("coder@example.org", AppRoles.Reader);
    private static readonly string Admin = PlatformPrincipal.Person("admin@example.org", AppRoles.Admin);

    public static TheoryData<string> HttpFunctionEntryPoints() =>
        [.. from method in typeof(CodeFunctions).Assembly.GetExportedTypes().SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance))
            where method.GetCustomAttribute<FunctionAttribute>() is not null
                && method.GetParameters().Any(p => p.GetCustomAttribute<HttpTriggerAttribute>() is not null)
            select $"{method.DeclaringType!.FullName}.{method.Name}"];

    [Theory]
    [MemberData(nameof(HttpFunctionEntryPoints))]
    public async Task Each_http_function_is_401_without_a_principal_403_for_a_reader_when_admin_only_and_runs_for_an_admin(string entryPoint)
    {
        var required = AccessMiddleware.ClearanceOf(entryPoint);
        Assert.NotNull(required);

        var anonymous = await InvokeAsync(entryPoint, principal: null);
        Assert.Equal(StatusCodes.Status401Unauthorized, anonymous.Http.Response.StatusCode);
        Assert.False(anonymous.Ran);
        Assert.Equal("application/problem+json", anonymous.Http.Response.ContentType);

        var reader = await InvokeAsync(entryPoint, Reader);
        Assert.Equal(required != Clearance.Admin, reader.Ran);
        Assert.Equal(required == Clearance.Admin ? StatusCodes.Status403Forbidden : StatusCodes.Status200OK, reader.Http.Response.StatusCode);

        var admin = await InvokeAsync(entryPoint, Admin);
        Assert.True(admin.Ran);
        Assert.Equal("admin@example.org", AccessGate.CallerOf(admin.Http)?.Name);
    }

    [Theory]
    [MemberData(nameof(HttpFunctionEntryPoints))]
    public void Each_http_function_is_anonymous_to_the_functions_host_so_sign_in_alone_guards_it(string entryPoint)
    {
        // A function key would stop a browser that signed in: the platform and this gate do the guarding.
        var dot = entryPoint.LastIndexOf('.');
        var method = typeof(CodeFunctions).Assembly.GetType(entryPoint[..dot])!.GetMethod(entryPoint[(dot + 1)..])!;
        var trigger = method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).Single(t => t is not null)!;

        Assert.Equal(AuthorizationLevel.Anonymous, trigger.AuthLevel);
    }

    [Fact]
    public void The_subscriber_routes_are_admin_only_and_lookups_need_a_reader()
    {
        Assert.Equal(Clearance.Admin, AccessMiddleware.ClearanceOf($"{typeof(SubscriberFunctions).FullName}.{nameof(SubscriberFunctions.List)}"));
        Assert.Equal(Clearance.Admin, AccessMiddleware.ClearanceOf($"{typeof(SubscriberFunctions).FullName}.{nameof(SubscriberFunctions.Put)}"));
        Assert.Equal(Clearance.Reader, AccessMiddleware.ClearanceOf($"{typeof(CodeFunctions).FullName}.{nameof(CodeFunctions.Lookup)}"));
        Assert.Equal(Clearance.Reader, AccessMiddleware.ClearanceOf($"{typeof(CodeFunctions).FullName}.{nameof(CodeFunctions.GetCode)}"));
        Assert.Equal(Clearance.SignedIn, AccessMiddleware.ClearanceOf($"{typeof(SignInFunctions).FullName}.{nameof(SignInFunctions.Me)}"));
        Assert.Null(AccessMiddleware.ClearanceOf($"{typeof(IngestRelease).FullName}.{nameof(IngestRelease.Run)}"));
    }

    [Fact]
    public async Task An_http_function_the_middleware_cannot_find_is_admin_only()
    {
        var reader = await InvokeAsync("CodeUpdates.Functions.NoSuchFunctions.Get", Reader);

        Assert.False(reader.Ran);
        Assert.Equal(StatusCodes.Status403Forbidden, reader.Http.Response.StatusCode);
    }

    [Fact]
    public async Task A_trigger_without_http_runs_untouched()
    {
        var ran = false;
        await Platform.Invoke(Context($"{typeof(IngestRelease).FullName}.{nameof(IngestRelease.Run)}", http: null), _ =>
        {
            ran = true;
            return Task.CompletedTask;
        });

        Assert.True(ran);
    }

    [Theory]
    [InlineData(null, StatusCodes.Status401Unauthorized, "login")]
    [InlineData("reader-on-admin", StatusCodes.Status403Forbidden, "forbidden")]
    public async Task Under_api_fhir_the_refusal_is_an_operation_outcome(string? who, int status, string issueCode)
    {
        // An admin-only entry point, so that a reader is refused too.
        var entryPoint = $"{typeof(SubscriberFunctions).FullName}.{nameof(SubscriberFunctions.List)}";

        var call = await InvokeAsync(entryPoint, who is null ? null : Reader, "/api/fhir/CodeSystem/$validate-code");

        Assert.Equal(status, call.Http.Response.StatusCode);
        // The refusal goes out through the FHIR writer every FHIR answer uses, charset included.
        Assert.Equal("application/fhir+json", Microsoft.Net.Http.Headers.MediaTypeHeaderValue.Parse(call.Http.Response.ContentType).MediaType.Value);
        var outcome = JsonDocument.Parse(call.Body).RootElement;
        Assert.Equal("OperationOutcome", outcome.GetProperty("resourceType").GetString());
        var issue = outcome.GetProperty("issue")[0];
        Assert.Equal("error", issue.GetProperty("severity").GetString());
        Assert.Equal(issueCode, issue.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(issue.GetProperty("diagnostics").GetString()));
    }

    [Fact]
    public async Task Without_the_platform_setting_even_an_admin_principal_is_refused()
    {
        var unset = new AccessMiddleware(new AccessPolicy(AccessMode.Unset));
        var http = Http("/api/releases", Admin);
        var ran = false;

        await unset.Invoke(Context($"{typeof(ReleaseFunctions).FullName}.{nameof(ReleaseFunctions.List)}", http), _ =>
        {
            ran = true;
            return Task.CompletedTask;
        });

        Assert.False(ran);
        Assert.Equal(StatusCodes.Status401Unauthorized, http.Response.StatusCode);
    }

    private static async Task<Invocation> InvokeAsync(string entryPoint, string? principal, string path = "/api/x")
    {
        var http = Http(path, principal);
        var ran = false;
        await Platform.Invoke(Context(entryPoint, http), _ =>
        {
            ran = true;
            return Task.CompletedTask;
        });

        http.Response.Body.Position = 0;
        return new Invocation(http, ran, await new StreamReader(http.Response.Body).ReadToEndAsync());
    }

    private static DefaultHttpContext Http(string path, string? principal)
    {
        var http = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddLogging().AddOptions().BuildServiceProvider(),
        };
        http.Request.Path = path;
        http.Response.Body = new MemoryStream();
        if (principal is not null)
        {
            http.Request.Headers[ClientPrincipalHeader.Name] = principal;
        }

        return http;
    }

    /// <summary>The worker's view of one invocation: the function's entry point, and the HttpContext where the ASP.NET Core integration puts it.</summary>
    private static FunctionContext Context(string entryPoint, HttpContext? http)
    {
        var definition = new Mock<FunctionDefinition>();
        definition.SetupGet(d => d.EntryPoint).Returns(entryPoint);
        var items = new Dictionary<object, object>();
        if (http is not null)
        {
            items["HttpRequestContext"] = http;
        }

        var context = new Mock<FunctionContext>();
        context.SetupGet(c => c.FunctionDefinition).Returns(definition.Object);
        context.SetupGet(c => c.Items).Returns(items);
        return context.Object;
    }

    private sealed record Invocation(HttpContext Http, bool Ran, string Body);
}
