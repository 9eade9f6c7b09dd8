using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Storage;
using Microsoft.Extensions.Logging;

namespace CodeUpdates.Ingestion.Releases;

/// <summary>Records a file that cannot be a release and puts it where an admin finds it, with the reason.</summary>
public sealed class ReleaseRejections(ReleaseStore releases, Quarantine quarantine, TimeProvider time, ILogger<ReleaseRejections> logger)
{
    /// <summary>What a release record rejected for its name carries as its hash: the name's, as its content is never read.</summary>
    public static string NameSha256(string blobName) => ReleaseIdentityResolver.Sha256(System.Text.Encoding.UTF8.GetBytes(blobName));

    /// <summary>
    /// A name that breaks the blob name rule: recorded as rejected under its printable form, keyed by a hash
    /// of the name, and the blob is left untouched (no client built from the name is sure to address it).
    /// </summary>
    public async Task<IngestReleaseResult> RejectNameAsync(string blobName, string problem, CancellationToken cancellationToken)
    {
        var source = BlobNames.Printable(blobName);
        var record = ReleaseRecord.Rejected(
            ReleaseIdentityResolver.SystemFromPath(blobName, null)?.Name() ?? "unknown", null, source, NameSha256(blobName),
            $"{problem}; the file is left in '{StorageNames.ReleasesContainer}' untouched: delete it there", time.GetUtcNow());
        await releases.UpsertAsync(record, cancellationToken);
        logger.LogWarning("Rejected {Blob} by its name: {Reason}", source, problem);
        return new IngestReleaseResult(IngestOutcome.Rejected, record, 0);
    }

    /// <summary>Records the file as rejected with <paramref name="problem"/>'s message, then moves it to quarantine.</summary>
    public async Task<IngestReleaseResult> RejectAsync(
        string blobName, string sha256, IReadOnlyDictionary<string, string> metadata, InvalidReleaseException problem, CancellationToken cancellationToken)
    {
        var system = ReleaseIdentityResolver.SystemFromPath(blobName, metadata)?.Name() ?? "unknown";
        DateOnly? effective = null;
        try
        {
            effective = ReleaseIdentityResolver.Effective(blobName, metadata);
        }
        catch (InvalidReleaseException)
        {
            // The reason already says what is wrong with the file; a bad date on top adds nothing.
        }

        var record = ReleaseRecord.Rejected(system, effective, blobName, sha256, problem.Message, time.GetUtcNow());
        await releases.UpsertAsync(record, cancellationToken);
        await quarantine.MoveAsync(blobName, metadata, problem.Message, cancellationToken);
        logger.LogWarning("Rejected {Blob}: {Reason}; moved to {Container}", blobName, problem.Message, StorageNames.QuarantineContainer);
        return new IngestReleaseResult(IngestOutcome.Rejected, record, 0);
    }
}
