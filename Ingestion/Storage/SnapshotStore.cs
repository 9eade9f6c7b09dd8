using System.IO.Compression;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CodeUpdates.Ingestion.Releases;

namespace CodeUpdates.Ingestion.Storage;

/// <summary>
/// Keeps each loaded release's parsed snapshot as gzipped JSON (<c>snapshots/{system}/{effective}.json.gz</c>),
/// so versions can be recomputed from every release without reading the original files again.
/// </summary>
public sealed class SnapshotStore(BlobServiceClient blobs)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private BlobContainerClient Container => blobs.GetBlobContainerClient(StorageNames.SnapshotsContainer);

    public static string BlobName(CodeSystem system, DateOnly effective) => $"{system.Name()}/{effective:yyyy-MM-dd}.json.gz";

    public async Task SaveAsync(ReleaseSnapshot snapshot, CancellationToken cancellationToken)
    {
        var document = new SnapshotDocument(
            snapshot.Identity.System.Name(), snapshot.Identity.Effective, snapshot.Identity.Source, snapshot.Identity.Sha256,
            snapshot.DescriptorKinds, snapshot.Codes);
        using var buffer = new MemoryStream();
        await using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            await JsonSerializer.SerializeAsync(gzip, document, Json, cancellationToken);
        }

        buffer.Position = 0;
        await Container.GetBlobClient(BlobName(snapshot.Identity.System, snapshot.Identity.Effective)).UploadAsync(
            buffer,
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json", ContentEncoding = "gzip" } },
            cancellationToken);
    }

    /// <summary>Removes the snapshot of a release that was never published (abandoned for a storage error).</summary>
    public async Task DeleteAsync(CodeSystem system, DateOnly effective, CancellationToken cancellationToken) =>
        await Container.GetBlobClient(BlobName(system, effective)).DeleteIfExistsAsync(cancellationToken: cancellationToken);

    /// <summary>The snapshot, or null when none is stored for that date.</summary>
    public async Task<ReleaseSnapshot?> LoadAsync(CodeSystem system, DateOnly effective, CancellationToken cancellationToken)
    {
        try
        {
            var download = await Container.GetBlobClient(BlobName(system, effective)).DownloadStreamingAsync(cancellationToken: cancellationToken);
            await using var gzip = new GZipStream(download.Value.Content, CompressionMode.Decompress);
            var document = await JsonSerializer.DeserializeAsync<SnapshotDocument>(gzip, Json, cancellationToken)
                ?? throw new InvalidDataException($"snapshot {BlobName(system, effective)} is empty");
            CodeSystems.TryParse(document.System, out var parsed);
            return new ReleaseSnapshot(
                new ReleaseIdentity(parsed, document.Effective, document.Source, document.Sha256),
                document.DescriptorKinds,
                document.Codes);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>The snapshot of a loaded release, which must be stored: its absence means the storage was tampered with.</summary>
    public async Task<ReleaseSnapshot> RequireAsync(CodeSystem system, DateOnly effective, CancellationToken cancellationToken) =>
        await LoadAsync(system, effective, cancellationToken)
            ?? throw new InvalidOperationException($"snapshot of {system.Name()} {IsoDate.Format(effective)} is missing; re-drop that release");

    private sealed record SnapshotDocument(
        string System,
        DateOnly Effective,
        string Source,
        string Sha256,
        IReadOnlyList<string> DescriptorKinds,
        IReadOnlyList<CodeRecord> Codes);
}
