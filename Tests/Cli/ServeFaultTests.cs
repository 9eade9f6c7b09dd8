using CodeUpdates.Tests.Support;
using System.Net;

namespace CodeUpdates.Tests.Cli;

/// <summary>The real <c>codeupdates serve</c> process through a storage outage and a kill -9.</summary>
[Collection(ServeProcessCollection.Name)]
[Trait(TestScope.Trait, TestScope.Integration)]
public sealed class ServeFaultTests : IDisposable
{
    private readonly DirectoryInfo data = Directory.CreateTempSubdirectory("codeupdates-azurite-");

    [Fact]
    public async Task Lookups_answer_throughout_a_40_second_storage_outage_and_the_next_drop_publishes_once_storage_returns()
    {
        var azurite = await AzuriteFixture.StartOnDiskAsync(data.FullName);
        using var serve = await ServeProcess.StartAsync(azurite, sweepInterval: TimeSpan.FromSeconds(2));
        try
        {
            await ServeProcess.UploadAsync(azurite, "hcpcs/2019-01-01/excerpt.txt", CmsFiles.Excerpt(CmsFiles.Txt2019, 60));
            var before = await serve.WaitForReleasesAsync(s => s.Count == 1 && s.Values.All(v => v == "published"), TimeSpan.FromSeconds(90));
            Assert.True(before.Count == 1, serve.Process.Output);
            Assert.Equal(HttpStatusCode.OK, (await serve.Http.GetAsync("/api/codes/hcpcs/A1?date=2019-06-01")).StatusCode);

            await azurite.StopAsync();
            var outage = DateTime.UtcNow;
            var lookups = 0;
            var storageBound = new List<HttpResponseMessage>();
            while (DateTime.UtcNow - outage < TimeSpan.FromSeconds(40))
            {
                Assert.False(serve.Process.HasExited, $"serve exited {(DateTime.UtcNow - outage).TotalSeconds:0} s into the outage:\n{serve.Process.Output}");
                var lookup = await serve.Http.GetAsync("/api/codes/hcpcs/A1?date=2019-06-01");
                Assert.Equal(HttpStatusCode.OK, lookup.StatusCode);
                lookups++;
                if (DateTime.UtcNow - outage > TimeSpan.FromSeconds(5) && storageBound.Count < 3)
                {
                    storageBound.Add(await serve.Http.GetAsync("/api/releases"));
                }

                await Task.Delay(200);
            }

            Assert.True(lookups > 50, $"{lookups} lookups");
            Assert.All(storageBound, response =>
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.NotNull(response.Headers.RetryAfter);
            });

            azurite = await azurite.RestartAsync();
            Assert.False(serve.Process.HasExited, serve.Process.Output);
            await ServeProcess.UploadAsync(azurite, "hcpcs/2018-01-01/excerpt.txt", CmsFiles.Excerpt(CmsFiles.Txt2018, 60));
            var after = await serve.WaitForReleasesAsync(s => s.Count == 2 && s.Values.All(v => v == "published"), TimeSpan.FromSeconds(120));
            Assert.True(after.Count == 2 && after.Values.All(v => v == "published"), string.Join(", ", after) + "\n" + serve.Process.Output);
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }

    public void Dispose() => data.Delete(recursive: true);
}
