using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.ReleaseFiles.Hcpcs;
using Microsoft.Extensions.Logging;

namespace CodeUpdates.Ingestion.Releases;

/// <summary>
/// The one ingestion use case every host calls: reads the dropped file, rejects what can never be a release
/// (recorded as rejected, then moved to quarantine, and the call returns normally), applies the rest under its
/// system's lock (<see cref="ReleasePublisher"/>: snapshot, record "processing", version rows, head, listeners,
/// record "published"), and only then queues the release's change report, so the mailer finds every request it
/// is given already served by a published release. A release published with its report not yet queued (a run
/// killed in between) has it queued by the retry, which finds the release unchanged, or by the sweep. A release
/// storage refuses for good (a 400-class error) is rejected after what it had written is undone. Other storage
/// faults propagate so the trigger retries.
/// </summary>
public sealed class IngestReleaseHandler(
    DroppedFiles files,
    ReleaseRejections rejections,
    SystemLock systemLock,
    ReleasePublisher publisher,
    CorrectionsPublisher corrections,
    ChangeReportQueue reports,
    ILogger<IngestReleaseHandler> logger) : IIngestRelease
{
    public async Task<IngestReleaseResult> HandleAsync(IngestReleaseCommand command, CancellationToken cancellationToken)
    {
        // Checked before any client is built from the name: a '..' segment would address a blob in another container.
        if (BlobNames.Problem(command.BlobName) is { } badName)
        {
            return await rejections.RejectNameAsync(command.BlobName, badName, cancellationToken);
        }

        if (await files.ReadAsync(command.BlobName, cancellationToken) is not { } file)
        {
            logger.LogInformation("Release blob {Blob} is gone; nothing to ingest", command.BlobName);
            return new IngestReleaseResult(IngestOutcome.Missing, null, 0);
        }

        // The one size rule decided whether the file was downloaded: no content means it is over the limit.
        if (file.Content is not { } content)
        {
            var tooLarge = ReleaseReader.TooLarge(command.BlobName, file.Length)!;
            return await rejections.RejectAsync(command.BlobName, ReleaseIdentityResolver.Sha256(System.Text.Encoding.UTF8.GetBytes($"{command.BlobName}|{file.ETag}")), file.Metadata, tooLarge, cancellationToken);
        }

        // A CMS corrections document is no release by itself: it is applied to the release of its year.
        if (HcpcsCorrectionsReader.Recognizes(command.BlobName))
        {
            return await CorrectAsync(command.BlobName, content, file, cancellationToken);
        }

        ReleaseSnapshot snapshot;
        try
        {
            snapshot = ReleaseReader.Read(new ReleaseFile(command.BlobName, content, file.Metadata));
        }
        catch (InvalidReleaseException ex)
        {
            return await rejections.RejectAsync(command.BlobName, ReleaseIdentityResolver.Sha256(content), file.Metadata, ex, cancellationToken);
        }

        await using var held = await systemLock.AcquireAsync(snapshot.Identity.System, cancellationToken);
        using var underLock = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, held.Lost);
        IngestReleaseResult result;
        try
        {
            result = await publisher.PublishAsync(snapshot, file.UploadedAt, underLock.Token);
            if (result.Release is { Status: ReleaseStatus.Published, ReportPending: true } pending)
            {
                result = result with { Release = await reports.RequestAsync(pending, underLock.Token) };
            }
        }
        catch (InvalidReleaseException refused)
        {
            return await rejections.RejectAsync(snapshot.Identity.Source, snapshot.Identity.Sha256, file.Metadata, refused, underLock.Token);
        }
        catch (OperationCanceledException) when (held.Lost.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // Another instance may be applying this system now: stop writing; the retry finds where things stand.
            throw new TimeoutException($"the {snapshot.Identity.System.Name()} ingest lock was lost while applying {snapshot.Identity.Source}; stopped writing, retrying later");
        }

        return result;
    }

    private async Task<IngestReleaseResult> CorrectAsync(string blobName, byte[] content, DroppedFile file, CancellationToken cancellationToken)
    {
        CorrectionsDocument document;
        try
        {
            document = HcpcsCorrectionsReader.Read(new ReleaseFile(blobName, content, file.Metadata));
        }
        catch (InvalidReleaseException ex)
        {
            return await rejections.RejectAsync(blobName, ReleaseIdentityResolver.Sha256(content), file.Metadata, ex, cancellationToken);
        }

        await using var held = await systemLock.AcquireAsync(CodeSystem.Hcpcs, cancellationToken);
        using var underLock = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, held.Lost);
        try
        {
            var result = await corrections.PublishAsync(document, file.UploadedAt, underLock.Token);
            return result.Release is { Status: ReleaseStatus.Published, ReportPending: true } pending
                ? result with { Release = await reports.RequestAsync(pending, underLock.Token) }
                : result;
        }
        catch (InvalidReleaseException refused)
        {
            return await rejections.RejectAsync(blobName, document.Sha256, file.Metadata, refused, underLock.Token);
        }
        catch (OperationCanceledException) when (held.Lost.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"the hcpcs ingest lock was lost while applying {blobName}; stopped writing, retrying later");
        }
    }

    /// <summary>What a release record rejected for its name carries as its hash: the name's, as its content is never read.</summary>
    public static string NameSha256(string blobName) => ReleaseRejections.NameSha256(blobName);
}
