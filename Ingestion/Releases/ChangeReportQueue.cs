using Azure.Storage.Queues;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Storage;

namespace CodeUpdates.Ingestion.Releases;

/// <summary>
/// The <c>change-reports</c> queue as the ingest uses it: a request is queued only for a release whose record
/// already says published, so the mailer can always serve it at once; the record then says the request is queued.
/// </summary>
public sealed class ChangeReportQueue(QueueServiceClient queues, ReleaseStore releases, TimeProvider time)
{
    /// <summary>
    /// Queues the report of <paramref name="published"/>, then marks its record (<see cref="ReleaseRecord.ReportPending"/>
    /// false). A crash between the two queues it again on the retry or the sweep; the sent-mail ledger mails each report once.
    /// </summary>
    public async Task<ReleaseRecord> RequestAsync(ReleaseRecord published, CancellationToken cancellationToken)
    {
        if (published is not { Status: ReleaseStatus.Published, Effective: { } effective })
        {
            throw new ArgumentException($"only a published release has a change report; {published.Source} is {published.Status.Name()}", nameof(published));
        }

        await queues.GetQueueClient(StorageNames.ChangeReportsQueue).SendMessageAsync(
            new ChangeReportRequest(published.System, effective, published.Sha256).ToJson(), cancellationToken);
        var queued = published with { ReportPending = false, ReportQueuedAt = time.GetUtcNow() };
        await releases.MarkReportQueuedAsync(queued, cancellationToken);
        return queued;
    }
}
