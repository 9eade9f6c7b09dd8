using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CodeUpdates.Ingestion;
using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Ingestion.Storage;

namespace CodeUpdates.Cli.Commands;

/// <summary><c>codeupdates drop FILE</c>: uploads a release file into the releases container, as an admin would.</summary>
public static class DropCommand
{
    public const string Usage = "codeupdates drop FILE [--system hcpcs|cpt] [--effective yyyy-MM-dd] [--name BLOB-NAME]";

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, CancellationToken cancellationToken)
    {
        var line = new CommandLine(args, new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "system", "effective", "name" });
        if (line.Positional.Count != 1)
        {
            throw new UsageException("drop needs one file");
        }

        var path = line.Positional[0];
        if (!File.Exists(path))
        {
            throw new UsageException($"{path}: file not found");
        }

        var metadata = new Dictionary<string, string>();
        var blobName = line.Option("name") ?? Path.GetFileName(path);
        if (line.Option("system") is { } system)
        {
            if (!CodeSystems.TryParse(system, out var parsed))
            {
                throw new UsageException($"--system is '{system}'; expected hcpcs or cpt");
            }

            blobName = $"{parsed.Name()}/{blobName}";
        }

        if (line.Option("effective") is { } effective)
        {
            if (!IsoDate.TryParse(effective, out _))
            {
                throw new UsageException($"--effective is '{effective}'; expected yyyy-MM-dd");
            }

            metadata["effective"] = effective;
        }

        var connection = Environment.GetEnvironmentVariable(ServiceRegistration.StorageSetting) ?? "UseDevelopmentStorage=true";
        var container = new BlobServiceClient(connection).GetBlobContainerClient(StorageNames.ReleasesContainer);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await using var content = File.OpenRead(path);
        await container.GetBlobClient(blobName).UploadAsync(content, new BlobUploadOptions { Metadata = metadata }, cancellationToken);
        await stdout.WriteLineAsync($"dropped {path} as {StorageNames.ReleasesContainer}/{blobName}");
        return 0;
    }
}
