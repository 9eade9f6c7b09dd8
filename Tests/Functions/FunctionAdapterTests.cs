using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using CodeUpdates.Functions;
using CodeUpdates.Ingestion.Http;
using CodeUpdates.Ingestion.Ingest;
using CodeUpdates.Ingestion.Lookup;
using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Ingestion.Versions;
using CodeUpdates.Tests.Integration;
using Microsoft.AspNetCore.Http;
using Moq;

namespace CodeUpdates.Tests.Functions;

/// <summary>The Functions classes are thin: they pass the trigger's values to one Ingestion service and map its result.</summary>
public sealed class FunctionAdapterTests
{
    [Fact]
    public async Task IngestRelease_passes_the_blob_name_and_lets_storage_faults_through_for_the_trigger_to_retry()
    {
        var ingest = new Mock<IIngestRelease>();
        ingest.Setup(i => i.HandleAsync(It.IsAny<IngestReleaseCommand>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new IngestReleaseResult(IngestOutcome.Rejected, null, 0));
        var function = new IngestRelease(ingest.Object);

        await function.Run(Mock.Of<BlobClient>(), "hcpcs/HCPC2025_JAN_ANWEB.txt", CancellationToken.None);
        ingest.Verify(i => i.HandleAsync(new IngestReleaseCommand("hcpcs/HCPC2025_JAN_ANWEB.txt"), It.IsAny<CancellationToken>()), Times.Once);

        ingest.Setup(i => i.HandleAsync(It.IsAny<IngestReleaseCommand>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new IOException("storage unreachable"));
        await Assert.ThrowsAsync<IOException>(() => function.Run(Mock.Of<BlobClient>(), "hcpcs/x.txt", CancellationToken.None));
    }

    [Fact]
    public async Task GetCode_maps_route_and_query_to_the_lookup_and_answers_with_an_etag()
    {
        var index = new Mock<IVersionIndex>();
        index.Setup(i => i.Find(CodeSystem.Hcpcs, "E0114")).Returns([Version("E0114", new DateOnly(1986, 1, 1), null)]);
        index.Setup(i => i.Tag(CodeSystem.Hcpcs)).Returns("tag-1");
        var source = new Mock<IVersionSource>();
        source.Setup(s => s.GetAsync(It.IsAny<CancellationToken>())).ReturnsAsync(index.Object);
        var function = new CodeFunctions(source.Object, TimeProvider.System);

        var http = new DefaultHttpContext();
        http.Request.QueryString = new QueryString("?date=2025-03-01");
        var result = (ResultAction)await function.GetCode(http.Request, "hcpcs", "e0114", CancellationToken.None);

        var response = await LookupTests.Execute(result.Result);
        Assert.Equal(200, response.Response.StatusCode);
        Assert.False(string.IsNullOrEmpty(response.Response.Headers.ETag));
        response.Response.Body.Position = 0;
        var body = (await JsonDocument.ParseAsync(response.Response.Body)).RootElement;
        Assert.Equal("E0114", body.GetProperty("code").GetString());
        Assert.Equal("2025-03-01", body.GetProperty("date").GetString());
        Assert.Equal("active", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Lookup_refuses_a_body_that_is_not_json_with_a_problem()
    {
        var source = new Mock<IVersionSource>(MockBehavior.Strict);
        var function = new CodeFunctions(source.Object, TimeProvider.System);
        var http = new DefaultHttpContext();
        http.Request.ContentType = "application/json";
        http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes("{ items: [ nope"));

        var result = (ResultAction)await function.Lookup(http.Request, CancellationToken.None);

        var response = await LookupTests.Execute(result.Result);
        Assert.Equal(400, response.Response.StatusCode);
        Assert.StartsWith("application/problem+json", response.Response.ContentType, StringComparison.Ordinal);
        source.VerifyNoOtherCalls();
    }

    private static CodeVersion Version(string code, DateOnly from, DateOnly? to) => new(
        CodeSystem.Hcpcs, code, CodeKind.Procedure, from, to,
        new Dictionary<string, string> { [DescriptorKind.Long] = "Invented long text", [DescriptorKind.Short] = "Invented" },
        new DateOnly(2025, 1, 1), from, to, to, []);
}
