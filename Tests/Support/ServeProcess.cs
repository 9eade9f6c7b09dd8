using CodeUpdates.Ingestion;
using CodeUpdates.Ingestion.Storage;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;

namespace CodeUpdates.Tests.Support;

/// <summary>The built <c>codeupdates serve</c> as a separate process on a free loopback port, against a test's Azurite.</summary>
public sealed class ServeProcess : IDisposable
{
    private ServeProcess(LocalProcess process, Uri url, HttpClient http)
    {
        Process = process;
        Url = url;
        Http = http;
    }

    public LocalProcess Process { get; }

    public Uri Url { get; }

    public HttpClient Http { get; }

    /// <param name="sweepInterval">The reconciliation sweep's interval (30 s by default in serve).</param>
    /// <param name="moreEnvironment">Variables over the defaults (an environment name, SMTP settings).</param>
    public static async Task<ServeProcess> StartAsync(AzuriteFixture azurite, TimeSpan? sweepInterval = null, int? port = null, IReadOnlyDictionary<string, string>? moreEnvironment = null)
    {
        Assert.True(File.Exists(BuiltCli.Dll), $"{BuiltCli.Dll} is not built");
        var listen = port ?? LocalProcess.FreePort();
        var url = new Uri($"http://127.0.0.1:{listen}");
        var environment = new Dictionary<string, string>
        {
            [ServiceRegistration.StorageSetting] = azurite.ConnectionString,
            ["ReleaseSweep__Interval"] = (sweepInterval ?? TimeSpan.FromSeconds(30)).ToString("c"),
        };
        foreach (var (name, value) in moreEnvironment ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        var process = LocalProcess.Start("dotnet", [BuiltCli.Dll, "serve", "--urls", url.ToString().TrimEnd('/')], RepoPaths.Root, environment);
        await process.WaitForPortsAsync([listen], TimeSpan.FromSeconds(90));
        return new ServeProcess(process, url, new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) });
    }

    public static Task UploadAsync(AzuriteFixture azurite, string blobName, byte[] content) =>
        new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(StorageNames.ReleasesContainer).GetBlobClient(blobName).UploadAsync(new BinaryData(content), overwrite: true);

    /// <summary>The records of <c>GET /api/releases</c> by source, once <paramref name="done"/> holds for them or the time is up.</summary>
    public async Task<Dictionary<string, string>> WaitForReleasesAsync(Func<Dictionary<string, string>, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var statuses = new Dictionary<string, string>();
        while (DateTime.UtcNow < deadline && !Process.HasExited)
        {
            try
            {
                var releases = (await Http.GetFromJsonAsync<JsonElement>("/api/releases")).GetProperty("releases");
                statuses = releases.EnumerateArray().ToDictionary(r => r.GetProperty("source").GetString()!, r => r.GetProperty("status").GetString()!);
                if (done(statuses))
                {
                    return statuses;
                }
            }
            catch (HttpRequestException)
            {
                // Starting, or storage away: ask again.
            }

            await Task.Delay(250);
        }

        return statuses;
    }

    public void Dispose()
    {
        Http.Dispose();
        Process.Dispose();
    }
}
