using CodeUpdates.Tests.Support;
using System.ComponentModel;
using System.Reflection;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using CodeUpdates.Cli.Serve;
using Microsoft.Azure.WebJobs.Host;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CodeUpdates.Tests.Cli;

/// <summary>host.json is the one place for host settings: <c>serve</c> runs the triggers with exactly its values.</summary>
public sealed class ServeHostSettingsTests
{
    [Fact]
    public async Task Serve_applies_every_queue_and_blob_setting_of_the_repository_host_json()
    {
        var extensions = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "host.json")))!["extensions"]!;
        // The triggers run in a WebJobs host of their own beside Kestrel, configured by LocalTriggerHost.
        using var triggers = new HostBuilder().ConfigureWebJobs(LocalTriggerHost.ConfigureTriggers).Build();

        AssertApplied(extensions["queues"]!.AsObject(), triggers.Services.GetRequiredService<IOptions<QueuesOptions>>().Value);
        AssertApplied(extensions["blobs"]!.AsObject(), triggers.Services.GetRequiredService<IOptions<BlobsOptions>>().Value);
    }

    [Fact]
    public async Task Serve_uses_the_identity_based_storage_settings_as_the_functions_host_does()
    {
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage:blobServiceUri"] = "https://codeupdatesdata.blob.core.windows.net",
            ["AzureWebJobsStorage:queueServiceUri"] = "https://codeupdatesdata.queue.core.windows.net",
            ["AzureWebJobsStorage:tableServiceUri"] = "https://codeupdatesdata.table.core.windows.net",
            ["AzureWebJobsStorage:credential"] = "managedidentity",
        };
        await using var app = ServeCommand.Build("http://127.0.0.1:0", settings);

        Assert.Equal(new Uri(settings["AzureWebJobsStorage:blobServiceUri"]!), app.Services.GetRequiredService<BlobServiceClient>().Uri);
        Assert.Equal(new Uri(settings["AzureWebJobsStorage:tableServiceUri"]!), app.Services.GetRequiredService<TableServiceClient>().Uri);
    }

    [Fact]
    public void A_setting_the_sdk_does_not_have_is_refused_rather_than_ignored()
    {
        var path = Path.Combine(Path.GetTempPath(), $"host-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{ "extensions": { "queues": { "visibilityTimeout": "00:00:30", "maxDequeCount": 3 } } }""");
        try
        {
            var error = Assert.Throws<InvalidOperationException>(() => HostJson.Load(path).Apply(new QueuesOptions()));
            Assert.Contains("maxDequeCount", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static void AssertApplied(JsonObject section, object options)
    {
        Assert.NotEmpty(section);
        foreach (var (name, value) in section)
        {
            var property = options.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            Assert.True(property is not null, $"{options.GetType().Name} has no setting '{name}'");
            var expected = TypeDescriptor.GetConverter(property.PropertyType).ConvertFromInvariantString(value!.ToString());
            Assert.Equal(expected, property.GetValue(options));
        }
    }
}
