using CodeUpdates.Ingestion.Storage;
using CodeUpdates.Tests.Support;
using Azure.Storage.Blobs;

namespace CodeUpdates.Tests.Cli;

/// <summary><c>codeupdates drop</c> as a user runs it in another terminal: the storage comes from AzureWebJobsStorage, as serve's does.</summary>
[Trait(TestScope.Trait, TestScope.Integration)]
public sealed class DropCommandTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Drop_uploads_into_the_account_in_AzureWebJobsStorage_and_says_which()
    {
        var sample = RepoPaths.Sample("hcpcs/HCPC2019_CONTR_ANWEB.zip");
        var name = $"drop-test-{Guid.NewGuid():N}.zip";

        var run = await BuiltCli.RunAsync(Storage(azurite.ConnectionString), "drop", sample, "--system", "hcpcs", "--name", name, "--effective", "2019-01-01");

        Assert.Equal((0, string.Empty), (run.Exit, run.Stderr));
        Assert.Equal(
            $"dropped {sample} as releases/hcpcs/{name} in storage account devstoreaccount1 (http://127.0.0.1:{azurite.BlobPort}/devstoreaccount1)",
            CliRun.OneLine(run.Stdout));
        var blob = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(StorageNames.ReleasesContainer).GetBlobClient($"hcpcs/{name}");
        var properties = (await blob.GetPropertiesAsync()).Value;
        Assert.Equal(new FileInfo(sample).Length, properties.ContentLength);
        Assert.Equal("2019-01-01", properties.Metadata["effective"]);
    }

    [Fact]
    public async Task A_wrong_account_key_is_one_line_naming_the_setting()
    {
        var wrongKey = azurite.ConnectionString.Replace("AccountKey=Eby8", "AccountKey=AAAA", StringComparison.Ordinal);

        var run = await BuiltCli.RunAsync(Storage(wrongKey), "drop", RepoPaths.Sample("cpt/2026/LONGULT.txt"), "--system", "cpt");

        Assert.Equal(2, run.Exit);
        Assert.Empty(run.Stdout);
        Assert.Equal(
            $"codeupdates: storage account devstoreaccount1 at http://127.0.0.1:{azurite.BlobPort}/devstoreaccount1 refused the credentials in AzureWebJobsStorage (403 AuthorizationFailure); check the account name and key",
            CliRun.OneLine(run.Stderr));
    }

    private static Dictionary<string, string?> Storage(string connectionString) => new() { ["AzureWebJobsStorage"] = connectionString };
}
