using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Storage;

namespace CodeUpdates.Ingestion.Versions;

/// <summary>
/// Keeps each system's <see cref="ReleaseStatements"/> as gzipped JSON (<c>snapshots/statements/{system}.json.gz</c>),
/// beside the snapshots it is derived from and can always be rebuilt from.
/// </summary>
public sealed class ReleaseStatementsStore(BlobServiceClient blobs)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private BlobContainerClient Container => blobs.GetBlobContainerClient(StorageNames.SnapshotsContainer);

    public static string BlobName(CodeSystem system) => $"statements/{system.Name()}.json.gz";

    /// <summary>The system's release statements, or null when none is stored.</summary>
    public async Task<ReleaseStatements?> LoadAsync(CodeSystem system, CancellationToken cancellationToken)
    {
        try
        {
            var download = await Container.GetBlobClient(BlobName(system)).DownloadStreamingAsync(cancellationToken: cancellationToken);
            await using var gzip = new GZipStream(download.Value.Content, CompressionMode.Decompress);
            var document = await JsonSerializer.DeserializeAsync<ReleaseStatementsDocument>(gzip, Json, cancellationToken)
                ?? throw new InvalidDataException($"{BlobName(system)} is empty");
            return ReleaseStatements.FromDocument(document);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async Task SaveAsync(ReleaseStatements statements, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            await JsonSerializer.SerializeAsync(gzip, statements.ToDocument(), Json, cancellationToken);
        }

        buffer.Position = 0;
        await Container.GetBlobClient(BlobName(statements.System)).UploadAsync(
            buffer,
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json", ContentEncoding = "gzip" } },
            cancellationToken);
    }
}
