using CodeUpdates.Ingestion.Storage;
using CodeUpdates.Tests.Support;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;

namespace CodeUpdates.Tests.Cli;

/// <summary>
/// <c>codeupdates serve</c> as a user runs it: the WebJobs blob trigger picks a dropped file up
/// from Azurite, and Kestrel answers the HTTP routes.
/// </summary>
[Trait(TestScope.Trait, TestScope.Integration)]
public sealed class ServeEndToEndTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_dropped_file_is_published_by_the_blob_trigger_and_answered_over_http()
    {
        await using (var reset = await IngestionHost.StartAsync(azurite))
        {
            // Empty storage: the host creates what it needs.
        }

        await using var serve = await ServeHost.StartAsync(azurite);
        var blobs = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(StorageNames.ReleasesContainer);
        await blobs.GetBlobClient("hcpcs/2019-01-01/excerpt.txt").UploadAsync(new BinaryData(CmsFiles.Excerpt(CmsFiles.Txt2019, 60)));
        await blobs.GetBlobClient("hcpcs/2019-02-01/not-a-release.xlsx").UploadAsync(new BinaryData("not a workbook"u8.ToArray()));

        var http = serve.Http;
        var deadline = DateTime.UtcNow.AddSeconds(90);
        JsonElement releases;
        do
        {
            await Task.Delay(500);
            releases = (await http.GetFromJsonAsync<JsonElement>("/api/releases")).GetProperty("releases");
        }
        while ((releases.GetArrayLength() < 2 || releases.EnumerateArray().Any(r => r.GetProperty("status").GetString() == "processing")) && DateTime.UtcNow < deadline);

        var statuses = releases.EnumerateArray().ToDictionary(r => r.GetProperty("source").GetString()!, r => r.GetProperty("status").GetString());
        Assert.Equal("published", statuses["hcpcs/2019-01-01/excerpt.txt"]);
        Assert.Equal("rejected", statuses["hcpcs/2019-02-01/not-a-release.xlsx"]);

        var answer = await http.GetFromJsonAsync<JsonElement>("/api/codes/hcpcs/A1?date=2019-06-01");
        Assert.True(answer.GetProperty("valid").GetBoolean());
        Assert.Equal("Dressing for one wound", answer.GetProperty("longDescription").GetString());

        var missing = await http.GetAsync("/api/codes/hcpcs/Z9999");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);

        var changes = await http.GetAsync("/api/releases/hcpcs/2019-01-01/changes?format=xlsx");
        Assert.Equal(HttpStatusCode.OK, changes.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", changes.Content.Headers.ContentType?.MediaType);
    }
}
