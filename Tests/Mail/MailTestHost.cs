using CodeUpdates.Ingestion.Diff;
using CodeUpdates.Ingestion.Mail;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Ingestion.Reports;
using CodeUpdates.Ingestion.Subscribers;
using CodeUpdates.Tests.Support;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace CodeUpdates.Tests.Mail;

/// <summary>
/// The handler wired to real tables on Azurite, each test on its own fresh table names so the
/// tests of the shared Azurite collection never see each other's subscribers or ledger rows.
/// </summary>
public sealed class MailTestHost
{
    private readonly TableClient ledgerTable;

    public MailTestHost(AzuriteFixture azurite, int smtpPort = 25)
    {
        var service = new TableServiceClient(azurite.ConnectionString);
        var suffix = Guid.NewGuid().ToString("N")[..12];
        Subscribers = new SubscriberStore(service, CreateTable(service, "subscribers" + suffix));
        ledgerTable = service.GetTableClient(CreateTable(service, "sentmail" + suffix));
        Ledger = new SentMailLedger(service, TimeProvider.System, ledgerTable.Name);
        Options = new SmtpOptions { Host = "127.0.0.1", Port = smtpPort, From = "CodeUpdates <codes@codeupdates.test>", Security = SmtpSecurity.None };
    }

    public SubscriberStore Subscribers { get; }

    public SentMailLedger Ledger { get; }

    public SmtpOptions Options { get; }

    public ChangeReportOptions ReportOptions { get; } = new();

    public Mock<IReleaseChangesSource> Releases { get; } = new();

    public void Publish(ReleaseDiffResult diff, string sha) =>
        Releases.Setup(r => r.GetPublishedChangesAsync(diff.System, diff.Current.Effective, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new PublishedChanges(new ReleaseIdentity(diff.System, diff.Current.Effective, diff.Current.Source, sha), diff));

    /// <summary>The state the ledger's row for the release and recipient holds, as stored (null: no row).</summary>
    public async Task<string?> LedgerStateAsync(string releaseKey, string recipient)
    {
        var row = await ledgerTable.GetEntityIfExistsAsync<TableEntity>(releaseKey, SubscriberStore.Key(recipient));
        return row.HasValue ? row.Value!.GetString("State") : null;
    }

    public SendChangeReportHandler Handler(ISmtpSender smtp) => new(
        Releases.Object, Subscribers, Ledger,
        new ReportMailer(smtp, Microsoft.Extensions.Options.Options.Create(Options), Microsoft.Extensions.Options.Options.Create(ReportOptions), TimeProvider.System),
        NullLogger<SendChangeReportHandler>.Instance);

    public SendChangeReportHandler Handler() => Handler(new MailKitSmtpSender(Microsoft.Extensions.Options.Options.Create(Options)));

    /// <summary>A table of the test's own; in the product the host creates the tables at start.</summary>
    public static string CreateTable(TableServiceClient service, string name)
    {
        service.CreateTableIfNotExists(name);
        return name;
    }

    public static string Message(ReleaseDiffResult diff, string sha) =>
        new ChangeReportRequest(diff.System.Name(), diff.Current.Effective, sha).ToJson();
}
