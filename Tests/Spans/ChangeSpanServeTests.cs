using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Ingestion.Spans;
using CodeUpdates.Tests.Support;

namespace CodeUpdates.Tests.Spans;

/// <summary>
/// The HTTP wiring of <c>/api/changes/{system}</c> and <c>/api/code-sets/{system}/{date}</c> in <c>serve</c>: routes, media
/// types, file names, ETags, and the refusals (400, 413, 415) as problem details. Two small real CMS excerpts are enough.
/// </summary>
[Trait(TestScope.Trait, TestScope.Integration)]
public sealed class ChangeSpanServeTests : IAsyncLifetime
{
    private readonly AzuriteFixture azurite = new();
    private ServeHost? serve;

    public async Task InitializeAsync()
    {
        await azurite.InitializeAsync();
        await using (var host = await IngestionHost.StartAsync(azurite))
        {
            foreach (var (name, file) in new[] { ("hcpcs/HCPC2018_CONTR_ANWEB_disc.txt", CmsFiles.Txt2018), ("hcpcs/HCPC2019_CONTR_ANWEB.txt", CmsFiles.Txt2019) })
            {
                var result = await host.DropAsync(name, CmsFiles.Excerpt(file, 400));
                Assert.True(result.Outcome == IngestOutcome.Published, $"{name}: {result.Outcome} {result.Release?.Reason}");
            }
        }

        serve = await ServeHost.StartAsync(azurite);
    }

    public async Task DisposeAsync()
    {
        if (serve is not null)
        {
            await serve.DisposeAsync();
        }

        await azurite.DisposeAsync();
    }

    [Fact]
    public async Task Serve_answers_spans_and_code_sets_in_each_format_and_refuses_bad_requests_as_problems()
    {
        using var http = new HttpClient { BaseAddress = new Uri(serve!.Url) };
        const string span = "/api/changes/hcpcs?from=2018-01-01&to=2019-06-01";

        using var json = await http.GetAsync(span);
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal("application/json", json.Content.Headers.ContentType!.MediaType);
        var body = JsonDocument.Parse(await json.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(["2019-01-01"], body.GetProperty("releases").EnumerateArray().Select(r => r.GetString()));
        Assert.True(body.GetProperty("changes").GetArrayLength() > 0);

        using var revalidate = new HttpRequestMessage(HttpMethod.Get, span);
        revalidate.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(json.Headers.ETag!.ToString()));
        Assert.Equal(HttpStatusCode.NotModified, (await http.SendAsync(revalidate)).StatusCode);

        using var csv = await http.GetAsync(span + "&format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Equal("hcpcs-changes-2018-01-01-to-2019-06-01.csv", csv.Content.Headers.ContentDisposition!.FileNameStar ?? csv.Content.Headers.ContentDisposition.FileName);
        Assert.Equal(body.GetProperty("changes").GetArrayLength() + 1, SpanAnswers.Csv(await csv.Content.ReadAsByteArrayAsync()).Count);

        var code = body.GetProperty("changes")[0].GetProperty("code").GetString()!;
        using var posted = await http.PostAsync(span, new StringContent($"{code}\r\nZZ999\r\n", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var listed = await posted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["unknown", body.GetProperty("changes")[0].GetProperty("change").GetString()], listed.GetProperty("changes").EnumerateArray().Select(r => r.GetProperty("change").GetString()).Order());

        await AssertProblemAsync(await http.PostAsync(span, new StringContent("<codes/>", Encoding.UTF8, "application/xml")), HttpStatusCode.UnsupportedMediaType, "application/xml");
        var tooMany = string.Join("\r\n", Enumerable.Range(0, 100_001).Select(i => $"{(char)('A' + i / 10000 % 26)}{i % 10000:D4}"));
        await AssertProblemAsync(await http.PostAsync(span, new StringContent(tooMany, Encoding.UTF8, "text/plain")), HttpStatusCode.RequestEntityTooLarge, "100,000 codes");
        await AssertProblemAsync(await http.PostAsync(span, new ByteArrayContent(new byte[2 * 1024 * 1024]) { Headers = { ContentType = new MediaTypeHeaderValue("text/plain") } }), HttpStatusCode.RequestEntityTooLarge, "1 MiB");
        await AssertProblemAsync(await http.GetAsync("/api/changes/hcpcs?from=2019-06-01&to=2018-01-01"), HttpStatusCode.BadRequest, "is not before");
        await AssertProblemAsync(await http.GetAsync("/api/code-sets/hcpcs/2019-13-01"), HttpStatusCode.BadRequest, "is not a date");

        using var workbook = await http.GetAsync("/api/code-sets/hcpcs/2019-06-01?format=xlsx");
        Assert.Equal(SpanFormats.XlsxMediaType, workbook.Content.Headers.ContentType!.MediaType);
        Assert.Equal("hcpcs-code-set-2019-06-01.xlsx", workbook.Content.Headers.ContentDisposition!.FileNameStar ?? workbook.Content.Headers.ContentDisposition.FileName);
        var rows = SpanAnswers.FirstSheet(await workbook.Content.ReadAsByteArrayAsync());
        Assert.Equal<string?>(CodeSets.Header, rows[0]);
        Assert.True(rows.Count > 100, $"{rows.Count} rows");
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string named)
    {
        using (response)
        {
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            Assert.Contains(named, await response.Content.ReadAsStringAsync());
        }
    }
}
