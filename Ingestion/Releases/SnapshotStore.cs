using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CodeUpdates.Ingestion.Diff;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Storage;

namespace CodeUpdates.Ingestion.Releases;

/// <summary>
/// Keeps each loaded release's parsed snapshot as gzipped JSON (<c>snapshots/{system}/{effective}.json.gz</c>),
/// so versions can be recomputed from every release without reading the original files again, and beside it the
/// release's changes against the published release before it (<c>snapshots/{system}/{effective}.changes.json.gz</c>):
/// computed once when the release is published (or when the release before it changes), then read by the release
/// page, the export and the mail. The changes name both releases' hashes, so a reader can tell a stale document.
/// </summary>
public sealed class SnapshotStore(BlobServiceClient blobs)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // Enums by name: a stored document must read the same after an enum gains a member.
    private static readonly JsonSerializerOptions ChangesJson = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private BlobContainerClient Container => blobs.GetBlobContainerClient(StorageNames.SnapshotsContainer);

    public static string BlobName(CodeSystem system, DateOnly effective) => $"{system.Name()}/{effective:yyyy-MM-dd}.json.gz";

    public static string ChangesBlobName(CodeSystem system, DateOnly effective) => $"{system.Name()}/{effective:yyyy-MM-dd}.changes.json.gz";

    /// <summary>A replaced release's snapshot, kept under its hash: the date's own name then holds the release that replaced it.</summary>
    public static string CopyBlobName(CodeSystem system, DateOnly effective, string sha256) => $"{system.Name()}/{effective:yyyy-MM-dd}.{sha256}.json.gz";

    /// <summary>A replaced release's changes against its prior, kept under its hash (see <see cref="CopyBlobName"/>).</summary>
    public static string ChangesCopyBlobName(CodeSystem system, DateOnly effective, string sha256) => $"{system.Name()}/{effective:yyyy-MM-dd}.{sha256}.changes.json.gz";

    /// <summary>A corrected release's changes against the file it replaced (both hashes inside name the pair it compares).</summary>
    public static string CorrectionBlobName(CodeSystem system, DateOnly effective) => $"{system.Name()}/{effective:yyyy-MM-dd}.correction.json.gz";

    public Task SaveAsync(ReleaseSnapshot snapshot, CancellationToken cancellationToken) =>
        SaveAsync(snapshot, BlobName(snapshot.Identity.System, snapshot.Identity.Effective), cancellationToken);

    /// <summary>Keeps a release's snapshot under its hash, before a corrected release for its date replaces it.</summary>
    public Task SaveCopyAsync(ReleaseSnapshot snapshot, CancellationToken cancellationToken) =>
        SaveAsync(snapshot, CopyBlobName(snapshot.Identity.System, snapshot.Identity.Effective, snapshot.Identity.Sha256), cancellationToken);

    /// <summary>The snapshot kept under <paramref name="sha256"/> for that date, or null.</summary>
    public Task<ReleaseSnapshot?> LoadCopyAsync(CodeSystem system, DateOnly effective, string sha256, CancellationToken cancellationToken) =>
        LoadAsync(CopyBlobName(system, effective, sha256), cancellationToken);

    /// <summary>Keeps a release's changes under its hash (<see cref="ReleaseDiffResult.Current"/>), before a corrected release for its date replaces them.</summary>
    public Task SaveChangesCopyAsync(ReleaseDiffResult diff, CancellationToken cancellationToken) =>
        SaveDiffAsync(diff, ChangesCopyBlobName(diff.System, diff.Current.Effective, diff.Current.Sha256), cancellationToken);

    /// <summary>
    /// Keeps the date's stored snapshot and changes under <paramref name="sha256"/> when they are that release's: called
    /// before a later file for the date overwrites them, so what the replaced release answered stays readable (knownAt).
    /// </summary>
    public async Task KeepReplacedAsync(CodeSystem system, DateOnly effective, string sha256, CancellationToken cancellationToken)
    {
        if (await LoadAsync(system, effective, cancellationToken) is { } stored && stored.Identity.Sha256 == sha256)
        {
            await SaveCopyAsync(stored, cancellationToken);
        }

        if (await LoadChangesAsync(system, effective, cancellationToken) is { } changes && changes.Current.Sha256 == sha256)
        {
            await SaveChangesCopyAsync(changes, cancellationToken);
        }
    }

    /// <summary>The snapshot of the release of that date whose file has <paramref name="sha256"/>: the stored one while it is the date's, else the kept copy; or null.</summary>
    public async Task<ReleaseSnapshot?> LoadOfAsync(CodeSystem system, DateOnly effective, string sha256, CancellationToken cancellationToken) =>
        await LoadAsync(system, effective, cancellationToken) is { } stored && stored.Identity.Sha256 == sha256
            ? stored
            : await LoadCopyAsync(system, effective, sha256, cancellationToken);

    /// <summary>The changes kept under <paramref name="sha256"/> for that date (a replaced release's), or null.</summary>
    public Task<ReleaseDiffResult?> LoadChangesCopyAsync(CodeSystem system, DateOnly effective, string sha256, CancellationToken cancellationToken) =>
        LoadDiffAsync(ChangesCopyBlobName(system, effective, sha256), cancellationToken);

    /// <summary>Stores a corrected release's changes against the file it replaced (<see cref="ReleaseDiffResult.Prior"/> is the replaced one).</summary>
    public Task SaveCorrectionAsync(ReleaseDiffResult diff, CancellationToken cancellationToken) =>
        SaveDiffAsync(diff, CorrectionBlobName(diff.System, diff.Current.Effective), cancellationToken);

    /// <summary>The stored changes of the date's corrected release against the file it replaced, or null.</summary>
    public Task<ReleaseDiffResult?> LoadCorrectionAsync(CodeSystem system, DateOnly effective, CancellationToken cancellationToken) =>
        LoadDiffAsync(CorrectionBlobName(system, effective), cancellationToken);

    private Task SaveAsync(ReleaseSnapshot snapshot, string blobName, CancellationToken cancellationToken) =>
        SaveGzipJsonAsync(
            new SnapshotDocument(
                snapshot.Identity.System.Name(), snapshot.Identity.Effective, snapshot.Identity.Source, snapshot.Identity.Sha256,
                snapshot.DescriptorKinds, snapshot.Codes),
            blobName,
            Json,
            cancellationToken);

    /// <summary>Every blob this store keeps is one JSON document, gzipped, served with its encoding declared.</summary>
    private async Task SaveGzipJsonAsync<T>(T document, string blobName, JsonSerializerOptions options, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            await JsonSerializer.SerializeAsync(gzip, document, options, cancellationToken);
        }

        buffer.Position = 0;
        await Container.GetBlobClient(blobName).UploadAsync(
            buffer,
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json", ContentEncoding = "gzip" } },
            cancellationToken);
    }

    /// <summary>The document stored under <paramref name="blobName"/>, or null when there is none.</summary>
    private async Task<T?> LoadGzipJsonAsync<T>(string blobName, JsonSerializerOptions options, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            var download = await Container.GetBlobClient(blobName).DownloadStreamingAsync(cancellationToken: cancellationToken);
            await using var gzip = new GZipStream(download.Value.Content, CompressionMode.Decompress);
            return await JsonSerializer.DeserializeAsync<T>(gzip, options, cancellationToken)
                ?? throw new InvalidDataException($"{blobName} is empty");
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Removes the snapshot and the changes of a release that was never published (abandoned for a storage error).</summary>
    public async Task DeleteAsync(CodeSystem system, DateOnly effective, CancellationToken cancellationToken)
    {
        await Container.GetBlobClient(ChangesBlobName(system, effective)).DeleteIfExistsAsync(cancellationToken: cancellationToken);
        await Container.GetBlobClient(BlobName(system, effective)).DeleteIfExistsAsync(cancellationToken: cancellationToken);
    }

    /// <summary>Stores a release's changes against its prior (replacing what was stored for that date).</summary>
    public Task SaveChangesAsync(ReleaseDiffResult diff, CancellationToken cancellationToken) =>
        SaveDiffAsync(diff, ChangesBlobName(diff.System, diff.Current.Effective), cancellationToken);

    private Task SaveDiffAsync(ReleaseDiffResult diff, string blobName, CancellationToken cancellationToken) =>
        SaveGzipJsonAsync(diff, blobName, ChangesJson, cancellationToken);

    /// <summary>The stored changes of the release of that date, or null when none are stored (a release published before they were).</summary>
    public Task<ReleaseDiffResult?> LoadChangesAsync(CodeSystem system, DateOnly effective, CancellationToken cancellationToken) =>
        LoadDiffAsync(ChangesBlobName(system, effective), cancellationToken);

    private Task<ReleaseDiffResult?> LoadDiffAsync(string blobName, CancellationToken cancellationToken) =>
        LoadGzipJsonAsync<ReleaseDiffResult>(blobName, ChangesJson, cancellationToken);

    /// <summary>The snapshot, or null when none is stored for that date.</summary>
    public Task<ReleaseSnapshot?> LoadAsync(CodeSystem system, DateOnly effective, CancellationToken cancellationToken) =>
        LoadAsync(BlobName(system, effective), cancellationToken);

    private async Task<ReleaseSnapshot?> LoadAsync(string blobName, CancellationToken cancellationToken)
    {
        if (await LoadGzipJsonAsync<SnapshotDocument>(blobName, Json, cancellationToken) is not { } document)
        {
            return null;
        }

        CodeSystems.TryParse(document.System, out var parsed);
        return new ReleaseSnapshot(new ReleaseIdentity(parsed, document.Effective, document.Source, document.Sha256), document.DescriptorKinds, document.Codes);
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
