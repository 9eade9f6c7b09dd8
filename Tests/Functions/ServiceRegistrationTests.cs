using CodeUpdates.Ingestion;
using CodeUpdates.Ingestion.Mail;
using CodeUpdates.Ingestion.Releases;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CodeUpdates.Tests.Functions;

/// <summary>The one registration both hosts use, with the two ways Azure and a laptop configure storage.</summary>
public sealed class ServiceRegistrationTests
{
    [Fact]
    public void Identity_based_settings_as_deployed_to_Azure_give_clients_on_the_service_uris()
    {
        using var services = Build(new()
        {
            ["AzureWebJobsStorage:credential"] = "managedidentity",
            ["AzureWebJobsStorage:clientId"] = "00000000-0000-0000-0000-000000000001",
            ["AzureWebJobsStorage:blobServiceUri"] = "https://stcodeupdates.blob.core.windows.net",
            ["AzureWebJobsStorage:queueServiceUri"] = "https://stcodeupdates.queue.core.windows.net",
            ["AzureWebJobsStorage:tableServiceUri"] = "https://stcodeupdates.table.core.windows.net",
        });

        Assert.Equal("stcodeupdates.blob.core.windows.net", services.GetRequiredService<BlobServiceClient>().Uri.Host);
        Assert.Equal("stcodeupdates.queue.core.windows.net", services.GetRequiredService<QueueServiceClient>().Uri.Host);
        Assert.Equal("stcodeupdates.table.core.windows.net", services.GetRequiredService<TableServiceClient>().Uri.Host);
        Assert.NotNull(services.GetRequiredService<IIngestRelease>());
        using var scope = services.CreateScope();
        Assert.NotNull(scope.ServiceProvider.GetRequiredService<SendChangeReportHandler>());
    }

    [Fact]
    public void A_connection_string_gives_clients_on_its_endpoints()
    {
        using var services = Build(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" });

        Assert.Equal(10000, services.GetRequiredService<BlobServiceClient>().Uri.Port);
        Assert.Equal(10002, services.GetRequiredService<TableServiceClient>().Uri.Port);
    }

    [Fact]
    public void Missing_storage_settings_say_which_setting_to_add()
    {
        // At start-up, not at the first drop.
        var error = Assert.Throws<InvalidOperationException>(() => Build([]));
        Assert.Contains("AzureWebJobsStorage", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddCodeUpdates(configuration).BuildServiceProvider();
    }
}
