using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Storage;

namespace CodeUpdates.Ingestion.Releases;

/// <summary>
/// The files admins drop into the <c>releases</c> container, as the ingest and the sweep read them. Every client
/// is built by <see cref="BlobNames.Client"/>: a caller checks <see cref="BlobNames.Problem"/> before passing a name.
/// </summary>
public sealed class DroppedFiles(BlobServiceClient blobs)
{
    private BlobContainerClient Container => blobs.GetBlobContainerClient(StorageNames.ReleasesContainer);

    /// <summary>The file, downloaded unless it is over the size limit; null when it is gone.</summary>
    public async Task<DroppedFile?> ReadAsync(string blobName, CancellationToken cancellationToken)
    {
        var blob = BlobNames.Client(Container, blobName);
        try
        {
            var properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
            var content = ReleaseReader.TooLarge(blobName, properties.ContentLength) is not null
                ? null
                : (await blob.DownloadContentAsync(cancellationToken)).Value.Content.ToArray();
            return new DroppedFile(blobName, properties.Metadata.AsReadOnly(), properties.LastModified, properties.ContentLength, properties.ETag.ToString(), content);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Every file in the container with its ETag and when it was last modified (null when storage does not say).</summary>
    public async IAsyncEnumerable<(string Name, ETag ETag, DateTimeOffset? Modified)> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var blob in Container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix: null, cancellationToken))
        {
            yield return (blob.Name, blob.Properties.ETag ?? default, blob.Properties.LastModified);
        }
    }

    /// <summary>SHA-256 of the file's bytes, streamed (null when the file went away meanwhile): the same hash a release record carries.</summary>
    public async Task<string?> HashAsync(string blobName, CancellationToken cancellationToken)
    {
        try
        {
            await using var content = await BlobNames.Client(Container, blobName).OpenReadAsync(cancellationToken: cancellationToken);
            return await ReleaseIdentityResolver.Sha256Async(content, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }
}
