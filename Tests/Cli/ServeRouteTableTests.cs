using CodeUpdates.Tests.Support;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CodeUpdates.Cli.Serve;
using CodeUpdates.Functions;
using CodeUpdates.Functions.Http;
using CodeUpdates.Functions.WebApp;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace CodeUpdates.Tests.Cli;

/// <summary>
/// <c>serve</c> answers every HTTP function of the Functions app at the method and path its attributes
/// (and host.json's route prefix) give it in Azure, and runs the function's own result.
/// </summary>
[Trait(TestScope.Trait, TestScope.Integration)]
public sealed class ServeRouteTableTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string ProbeHeader = "X-Route-Probe";

    [Fact]
    public async Task Every_http_function_is_reached_at_the_method_and_path_its_attributes_declare()
    {
        var declared = DeclaredHttpFunctions();
        Assert.NotEmpty(declared);
        var reached = new ConcurrentDictionary<string, string?>();
        await using var serve = await ServeHost.StartAsync(azurite, app => app.Use(async (http, next) =>
        {
            // Which function's endpoint routing chose for each probe.
            reached[http.Request.Headers[ProbeHeader].ToString()] = http.GetEndpoint()?.Metadata.GetMetadata<HttpFunction>()?.Name;
            await next(http);
        }));

        var prefix = RoutePrefixOfHostJson();
        foreach (var (name, methods, route) in declared)
        {
            // The API keeps its api/ paths; only the web app's pages and files are at the site root.
            Assert.True(route.StartsWith("api/", StringComparison.Ordinal) || WebAppRoutes.Contains(route), $"{name}: {route}");
            foreach (var method in methods)
            {
                var probe = $"{method} {route}";
                using var request = new HttpRequestMessage(new HttpMethod(method), prefix + RouteSample.PathOf(route)[1..]);
                request.Headers.Add(ProbeHeader, probe);
                if (method is "POST" or "PUT" or "PATCH")
                {
                    request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                }

                using var response = await serve.Http.SendAsync(request);
                Assert.True(reached.TryGetValue(probe, out var function), $"{probe}: no request arrived");
                Assert.True(function == name, $"{probe}: reached {function ?? "no function"} ({(int)response.StatusCode}), expected {name}");
            }
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task A_lookup_body_not_sent_as_json_is_415_problem(string? contentType)
    {
        await using var serve = await ServeHost.StartAsync(azurite);
        var content = new ByteArrayContent("""{"items":[{"system":"hcpcs","code":"A1","date":"2019-06-01"}]}"""u8.ToArray());
        if (contentType is not null)
        {
            content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        using var response = await serve.Http.PostAsync("/api/codes/lookup", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("application/json", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bodies_that_are_not_json_of_the_shape_are_400_problems_on_every_route_that_reads_one()
    {
        await using var serve = await ServeHost.StartAsync(azurite);

        using var lookup = await serve.Http.PostAsync("/api/codes/lookup", new StringContent("{ items: [ nope", Encoding.UTF8, "application/json"));
        using var subscriber = await serve.Http.PutAsync("/api/subscribers/coder@example.org", new StringContent("""{ "systems": "hcpcs" }""", Encoding.UTF8, "application/json"));

        foreach (var response in new[] { lookup, subscriber })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("Invalid body", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        }
    }

    [Fact]
    public async Task Answers_carry_strong_etags_and_if_none_match_gives_304()
    {
        await using (var host = await IngestionHost.StartAsync(azurite))
        {
            await host.DropAsync("hcpcs/2019-01-01/excerpt.txt", CmsFiles.Excerpt(CmsFiles.Txt2019, 40));
        }

        await using var serve = await ServeHost.StartAsync(azurite);
        foreach (var path in new[] { "/api/codes/hcpcs/a1?date=2019-02-01", "/api/codes/hcpcs/A1/history", "/api/codes/hcpcs?q=dressing&date=2019-02-01", "/api/releases", "/api/releases/hcpcs/2019-01-01/changes?format=csv" })
        {
            using var first = await serve.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            var etag = first.Headers.ETag;
            Assert.NotNull(etag);
            Assert.False(etag.IsWeak, path);

            Assert.Equal(HttpStatusCode.NotModified, await StatusWith(serve, path, etag.Tag));
            Assert.Equal(HttpStatusCode.NotModified, await StatusWith(serve, path, $"\"other\", W/{etag.Tag}"));
            Assert.Equal(HttpStatusCode.NotModified, await StatusWith(serve, path, "*"));
            Assert.Equal(HttpStatusCode.OK, await StatusWith(serve, path, "\"other\""));
        }

        Assert.Equal(HttpStatusCode.OK, await StatusWith(serve, "/api/codes/hcpcs/A1?date=2019-02-02", (await serve.Http.GetAsync("/api/codes/hcpcs/A1?date=2019-02-01")).Headers.ETag!.Tag));
    }

    [Theory]
    [InlineData("/api/codes/lookup", "application/json", "application/problem+json")]
    [InlineData("/api/fhir/CodeSystem/$lookup", "application/fhir+json", "application/fhir+json")]
    public async Task A_body_over_the_one_bound_is_413_in_the_error_form_of_the_route_never_a_storage_outage(string path, string contentType, string errorType)
    {
        await using var serve = await ServeHost.StartAsync(azurite);
        var start = path.Contains("fhir", StringComparison.Ordinal)
            ? """{"resourceType":"Parameters","parameter":[{"name":"code","valueCode":"A1"}]}"""u8.ToArray()
            : """{"items":[{"system":"hcpcs","code":"A1","date":"2019-06-01"}]}"""u8.ToArray();

        // Just over the bound, with its length said and without (chunked); and over Kestrel's own 30 MB, which was answered 503.
        foreach (var (size, chunked) in new[] { (RequestBody.MaxBytes + 1, false), (RequestBody.MaxBytes + 1, true), (31 * 1024 * 1024, false) })
        {
            var body = new byte[size];
            Array.Fill(body, (byte)' ');
            start.CopyTo(body, 0);
            HttpContent content = chunked ? new StreamContent(new UnknownLength(body)) : new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue(contentType);

            // As curl does for a body this large: the client waits for 100 Continue, so a refusal that comes
            // before the body is read reaches it instead of a connection closed under a body still being sent.
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
            request.Headers.ExpectContinue = true;
            using var response = await serve.Http.SendAsync(request);

            var because = $"{size} bytes, chunked {chunked}: {(int)response.StatusCode}";
            Assert.True(response.StatusCode == HttpStatusCode.RequestEntityTooLarge, because);
            Assert.False(response.Headers.Contains("Retry-After"), because);
            Assert.Equal(errorType, response.Content.Headers.ContentType?.MediaType);
            Assert.Contains(RequestBody.MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // A body of exactly the bound is read, and answered as the same body without its padding.
        var atBound = new byte[RequestBody.MaxBytes];
        Array.Fill(atBound, (byte)' ');
        start.CopyTo(atBound, 0);
        var answers = new List<string>();
        foreach (var body in new[] { start, atBound })
        {
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            using var response = await serve.Http.PostAsync(path, content);
            answers.Add($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        Assert.Equal(answers[0], answers[1]);
        Assert.DoesNotContain("413", answers[0][..3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_get_route_answers_head_as_get_without_a_body()
    {
        var gets = DeclaredHttpFunctions().Where(f => f.Methods.Contains("GET")).ToArray();
        Assert.All(gets, f => Assert.True(f.Methods.Contains("HEAD"), $"{f.Name} ({f.Route}) answers GET but not HEAD"));

        await using (var host = await IngestionHost.StartAsync(azurite))
        {
            await host.DropAsync("hcpcs/2019-01-01/excerpt.txt", CmsFiles.Excerpt(CmsFiles.Txt2019, 40));
        }

        await using var serve = await ServeHost.StartAsync(azurite);
        foreach (var path in new[] { "/api/codes/hcpcs/A1?date=2019-02-01", "/api/codes/hcpcs/A1/history", "/api/codes/hcpcs?q=dressing&date=2019-02-01", "/api/releases", "/api/releases/hcpcs/2019-01-01/changes?format=csv", "/api/me", "/api/fhir/metadata", "/api/codes/hcpcs/ZZZZZ" })
        {
            using var get = await serve.Http.GetAsync(path);
            using var head = await serve.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

            Assert.True(get.StatusCode == head.StatusCode, $"HEAD {path}: {(int)head.StatusCode}, GET {(int)get.StatusCode}");
            Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
            Assert.Equal(get.Headers.ETag, head.Headers.ETag);
            Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        }
    }

    [Theory]
    [InlineData("application/json;q=0", 406)]
    [InlineData("application/json;q=0, */*", 406)]
    [InlineData("text/html", 406)]
    [InlineData("application/json;q=0.5", 200)]
    [InlineData("text/html, */*;q=0.1", 200)]
    [InlineData("application/*", 200)]
    public async Task Accept_that_leaves_no_json_is_406_problem(string accept, int status)
    {
        await using var serve = await ServeHost.StartAsync(azurite);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/releases");
        request.Headers.TryAddWithoutValidation("Accept", accept);

        using var response = await serve.Http.SendAsync(request);

        Assert.Equal(status, (int)response.StatusCode);
        if (status == 406)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("application/json", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task A_write_whose_answer_accept_refuses_is_406_before_anything_is_written()
    {
        await using var serve = await ServeHost.StartAsync(azurite);
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/subscribers/refused-accept@example.org")
        {
            Content = new StringContent("""{"systems":["hcpcs"]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Accept", "application/json;q=0");

        using var response = await serve.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        Assert.DoesNotContain("refused-accept@example.org", await serve.Http.GetStringAsync("/api/subscribers"), StringComparison.Ordinal);
    }

    private static async Task<HttpStatusCode> StatusWith(ServeHost serve, string path, string ifNoneMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        using var response = await serve.Http.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>What the Functions host reads: [Function] methods with an [HttpTrigger] parameter.</summary>
    private static IReadOnlyList<(string Name, string[] Methods, string Route)> DeclaredHttpFunctions() =>
        [.. from method in typeof(CodeFunctions).Assembly.GetTypes().SelectMany(t => t.GetMethods())
            let function = method.GetCustomAttribute<FunctionAttribute>()
            from trigger in method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).OfType<HttpTriggerAttribute>()
            where function is not null
            select (function.Name, trigger.Methods!.Select(m => m.ToUpperInvariant()).ToArray(), trigger.Route!)];

    private static string RoutePrefixOfHostJson()
    {
        var prefix = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "host.json")))?["extensions"]?["http"]?["routePrefix"]?.GetValue<string>() ?? "api";
        return "/" + (prefix.Length > 0 ? prefix.Trim('/') + "/" : string.Empty);
    }

    /// <summary>A body whose length is not known before it is sent, so the client sends it chunked.</summary>
    private sealed class UnknownLength(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;
    }

    private static readonly string[] WebAppRoutes =
        [.. typeof(WebRoutes).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!)];
}
