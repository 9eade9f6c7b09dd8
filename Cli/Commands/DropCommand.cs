using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Ingestion.Storage;
using System.CommandLine;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace CodeUpdates.Cli.Commands;

/// <summary><c>codeupdates drop FILE</c>: uploads a release file into the releases container, as an admin would.</summary>
public static class DropCommand
{
    public static Command Create(TextWriter stdout)
    {
        var file = CliArguments.File("FILE", "The release file to upload (as downloaded from CMS or the AMA).");
        var system = CliArguments.System("Upload under releases/hcpcs/ or releases/cpt/, which says the code system.");
        var effective = new Option<string?>("--effective") { HelpName = "yyyy-MM-dd", Description = "Set the blob metadata 'effective': the date the release takes effect, when its name does not say." };
        var name = new Option<string?>("--name") { HelpName = "BLOB-NAME", Description = "The blob name under the system folder (default: the file's name)." };

        var command = new Command("drop", $"Upload a release file into the '{StorageNames.ReleasesContainer}' container of the storage in AzureWebJobsStorage (default: local Azurite).")
        {
            file, system, effective, name,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            new DropRequest(
                parse.GetValue(file)!,
                CliArguments.ParseSystem(parse.GetValue(system)),
                CliArguments.ParseDate(effective.Name, parse.GetValue(effective)),
                parse.GetValue(name)),
            CliStorage.BlobService(CliStorage.FromEnvironment()),
            stdout,
            cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(DropRequest request, BlobServiceClient blobs, TextWriter stdout, CancellationToken cancellationToken)
    {
        CliArguments.ExistingFile(request.File);
        var blobName = request.Name ?? Path.GetFileName(request.File);
        if (request.System is { } system)
        {
            blobName = $"{system.Name()}/{blobName}";
        }

        CheckBlobName(request.Name ?? Path.GetFileName(request.File), blobName);

        var metadata = new Dictionary<string, string>();
        if (request.Effective is { } effective)
        {
            metadata["effective"] = IsoDate.Format(effective);
        }

        var container = blobs.GetBlobContainerClient(StorageNames.ReleasesContainer);
        await CliStorage.FirstCallAsync(blobs, token => container.CreateIfNotExistsAsync(cancellationToken: token), cancellationToken);
        await using var content = File.OpenRead(request.File);
        try
        {
            await BlobNames.Client(container, blobName).UploadAsync(content, new BlobUploadOptions { Metadata = metadata }, cancellationToken);
        }
        catch (Exception ex) when (CliStorage.Describe(ex, blobs) is { } message)
        {
            throw new UsageException($"uploading {request.File} as {StorageNames.ReleasesContainer}/{blobName}: {message}");
        }

        await stdout.WriteLineAsync($"dropped {request.File} as {StorageNames.ReleasesContainer}/{blobName} in storage account {blobs.AccountName} ({blobs.Uri})");
        return 0;
    }

    // The ingest's one blob name rule, checked on the whole name: the ingest would reject any other name unread.
    private static void CheckBlobName(string given, string blobName)
    {
        if (BlobNames.Problem(blobName) is { } problem)
        {
            throw new UsageException($"--name '{BlobNames.Printable(given)}' is not a blob name: {problem}");
        }
    }
}
