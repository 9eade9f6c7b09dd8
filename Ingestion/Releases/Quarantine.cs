using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CodeUpdates.Ingestion.Storage;

namespace CodeUpdates.Ingestion.Releases;

/// <summary>
/// Moves a rejected file out of <c>releases</c> into <c>quarantine</c>, keeping its bytes and metadata, with the reason added.
/// Both clients are built by <see cref="BlobNames.Client"/>, so neither can address a blob outside its container.
/// </summary>
public sealed class Quarantine(BlobServiceClient blobs, TimeProvider time)
{
    /// <exception cref="ArgumentException">The name breaks the blob name rule: such a file is never moved.</exception>
    public async Task MoveAsync(string blobName, IReadOnlyDictionary<string, string> metadata, string reason, CancellationToken cancellationToken)
    {
        var source = BlobNames.Client(blobs.GetBlobContainerClient(StorageNames.ReleasesContainer), blobName);
        var target = BlobNames.Client(blobs.GetBlobContainerClient(StorageNames.QuarantineContainer), blobName);
        var kept = metadata.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.OrdinalIgnoreCase);
        kept["reason"] = MetadataValue(reason);
        kept["rejectedat"] = time.GetUtcNow().ToString("O");

        // Streamed, so a file rejected for its size is kept whole without being held in memory.
        try
        {
            await using var content = await source.OpenReadAsync(cancellationToken: cancellationToken);
            await target.UploadAsync(content, new BlobUploadOptions { Metadata = kept }, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Already moved: the trigger and the sweep may both reject the same drop.
            return;
        }

        // Deleted only after the copy is safe: a crash in between leaves the file in both places, never in neither.
        await source.DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);
    }

    /// <summary>Blob metadata values are ASCII: anything else becomes '?'; long reasons are cut.</summary>
    public static string MetadataValue(string text)
    {
        var ascii = new StringBuilder(Math.Min(text.Length, 2000));
        foreach (var ch in text.Take(2000))
        {
            ascii.Append(ch is >= ' ' and <= '~' ? ch : '?');
        }

        return ascii.ToString();
    }
}
