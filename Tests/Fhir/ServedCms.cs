using CodeUpdates.Ingestion;
using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Ingestion.Storage;
using CodeUpdates.Tests.Support;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;
using CodeUpdates.Cli.Serve;
using Hl7.Fhir.Rest;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace CodeUpdates.Tests.Fhir;

/// <summary>
/// <c>codeupdates serve</c> on its own Azurite with the real CMS 2017, 2018 and 2019 HCPCS .txt files
/// dropped into the releases container and published by the blob trigger, shared by the FHIR tests
/// over HTTP; with a JSON client and Firely's own FhirClient on it.
/// </summary>
public sealed class ServedCms : IAsyncLifetime
{
    private static readonly string[] Files = [CmsFiles.Txt2017, CmsFiles.Txt2018, CmsFiles.Txt2019];

    private readonly AzuriteFixture azurite = new();
    private WebApplication? app;

    public string Url { get; } = $"http://127.0.0.1:{LocalProcess.FreePort()}";

    public string FhirBase => Url + "/api/fhir";

    public HttpClient Http { get; private set; } = null!;

    public FhirClient Fhir { get; private set; } = null!;

    /// <summary>The same releases parsed in memory, to choose (code, date) pairs at their edges.</summary>
    public CmsVersions Cms { get; } = new();

    public async Task InitializeAsync()
    {
        await azurite.InitializeAsync();
        app = ServeCommand.Build(Url, new Dictionary<string, string?> { [ServiceRegistration.StorageSetting] = azurite.ConnectionString }, TestLogging.Quiet);
        await app.Services.GetRequiredService<StorageInitializer>().EnsureCreatedAsync(CancellationToken.None);
        await app.StartAsync();

        var releases = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(StorageNames.ReleasesContainer);
        foreach (var file in Files)
        {
            await releases.GetBlobClient("hcpcs/" + Path.GetFileName(file)).UploadAsync(new BinaryData(CmsFiles.Read(file)));
        }

        Http = new HttpClient { BaseAddress = new Uri(Url) };
        var deadline = DateTime.UtcNow.AddMinutes(4);
        while (true)
        {
            var list = (await Http.GetFromJsonAsync<JsonElement>("/api/releases")).GetProperty("releases").EnumerateArray().ToArray();
            var published = list.Count(r => r.GetProperty("status").GetString() == ReleaseStatus.Published.Name());
            if (published == Files.Length)
            {
                break;
            }

            if (DateTime.UtcNow > deadline || list.Any(r => r.GetProperty("status").GetString() == ReleaseStatus.Rejected.Name()))
            {
                throw new InvalidOperationException("the CMS files were not all published: " + string.Join("; ", list.Select(r => r.ToString())));
            }

            await Task.Delay(500);
        }

        Fhir = new FhirClient(FhirBase, Http, new FhirClientSettings { PreferredFormat = ResourceFormat.Json, VerifyFhirVersion = false });
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        await azurite.DisposeAsync();
    }
}
