using CodeUpdates.Ingestion.Mail;
using CodeUpdates.Ingestion.Storage;
using Microsoft.Azure.Functions.Worker;

namespace CodeUpdates.Functions;

/// <summary>
/// Mails a published release's change report. Any exception leaves the message on the queue:
/// host.json's visibility timeout spaces the retries and maxDequeueCount moves a message that
/// keeps failing to change-reports-poison. The sent-mail ledger makes the retries safe.
/// </summary>
public sealed class SendChangeReport(SendChangeReportHandler handler)
{
    [Function(nameof(SendChangeReport))]
    public Task Run(
        [QueueTrigger(StorageNames.ChangeReportsQueue, Connection = "AzureWebJobsStorage")] string message, CancellationToken cancellationToken) =>
        handler.HandleAsync(message, cancellationToken);
}
