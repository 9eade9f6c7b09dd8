using CodeUpdates.Ingestion.Mail;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Tests.Support;
using Azure;
using Azure.Data.Tables;
using Azure.Data.Tables.Models;
using MailKit.Net.Smtp;
using MimeKit;
using Moq;
using Microsoft.Extensions.Time.Testing;

namespace CodeUpdates.Tests.Mail;

/// <summary>Failure paths with a mocked mail server and release source; the ledger is real (Azurite) because it is what makes retries safe.</summary>
[Trait(TestScope.Trait, TestScope.Integration)]
public sealed class SendChangeReportHandlerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Mail_server_down_throws_so_the_queue_retries_and_the_retry_sends_exactly_once()
    {
        var host = new MailTestHost(azurite);
        await host.Subscribers.PutAsync("a@example.org", [CodeSystem.Hcpcs], default);
        await host.Subscribers.PutAsync("b@example.org", [CodeSystem.Hcpcs], default);
        var diff = ExampleDiffs.Diff();
        host.Publish(diff, ExampleDiffs.CurrentSha);
        var message = MailTestHost.Message(diff, ExampleDiffs.CurrentSha);
        var down = new Mock<ISmtpSender>();
        down.Setup(s => s.SendAsync(It.IsAny<MimeMessage>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new SmtpProtocolException("connection refused"));
        var working = new Mock<ISmtpSender>();

        await Assert.ThrowsAsync<SmtpProtocolException>(() => host.Handler(down.Object).HandleAsync(message, default));
        await host.Handler(working.Object).HandleAsync(message, default);
        await host.Handler(working.Object).HandleAsync(message, default);

        // The failed claim was released, so the retry did not wait for the lease.
        working.Verify(s => s.SendAsync(It.Is<MimeMessage>(m => m.To.Mailboxes.Single().Address == "a@example.org"), It.IsAny<CancellationToken>()), Times.Once);
        working.Verify(s => s.SendAsync(It.Is<MimeMessage>(m => m.To.Mailboxes.Single().Address == "b@example.org"), It.IsAny<CancellationToken>()), Times.Once);
        var key = SentMailLedger.ReleaseKey(CodeSystem.Hcpcs, diff.Current.Effective, ExampleDiffs.CurrentSha);
        Assert.Equal(SentMailLedger.Sent, await host.LedgerStateAsync(key, "a@example.org"));
    }

    [Fact]
    public async Task Replaced_release_sends_nothing()
    {
        var host = new MailTestHost(azurite);
        await host.Subscribers.PutAsync("a@example.org", [CodeSystem.Hcpcs], default);
        var diff = ExampleDiffs.Diff();
        host.Publish(diff, "3333333333333333333333333333333333333333333333333333333333333333"); // a corrected file replaced it
        var smtp = new Mock<ISmtpSender>(MockBehavior.Strict);

        var result = await host.Handler(smtp.Object).HandleAsync(MailTestHost.Message(diff, ExampleDiffs.CurrentSha), default);

        Assert.Equal(ChangeReportOutcome.ReleaseReplaced, result.Outcome);
        smtp.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Release_not_published_throws_a_transient_exception_at_once_without_polling()
    {
        // The ingest queues a request only after the record says published: a delivery never waits for it, the queue retries.
        var host = new MailTestHost(azurite);
        host.Releases.Setup(r => r.GetPublishedChangesAsync(CodeSystem.Hcpcs, It.IsAny<DateOnly>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((PublishedChanges?)null);
        var smtp = new Mock<ISmtpSender>(MockBehavior.Strict);

        await Assert.ThrowsAsync<TransientChangeReportException>(
            () => host.Handler(smtp.Object).HandleAsync(MailTestHost.Message(ExampleDiffs.Diff(), ExampleDiffs.CurrentSha), default));
        host.Releases.Verify(r => r.GetPublishedChangesAsync(CodeSystem.Hcpcs, It.IsAny<DateOnly>(), It.IsAny<CancellationToken>()), Times.Once);
        smtp.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task A_live_claim_held_by_another_delivery_is_not_sent_again_but_retried()
    {
        var host = new MailTestHost(azurite);
        await host.Subscribers.PutAsync("a@example.org", [CodeSystem.Hcpcs], default);
        var diff = ExampleDiffs.Diff();
        host.Publish(diff, ExampleDiffs.CurrentSha);
        var key = SentMailLedger.ReleaseKey(CodeSystem.Hcpcs, diff.Current.Effective, ExampleDiffs.CurrentSha);
        var (outcome, _) = await host.Ledger.TryClaimAsync(key, "a@example.org", TimeSpan.FromMinutes(3), default); // a concurrent delivery
        var smtp = new Mock<ISmtpSender>(MockBehavior.Strict);

        Assert.Equal(ClaimOutcome.Claimed, outcome);
        await Assert.ThrowsAsync<TransientChangeReportException>(
            () => host.Handler(smtp.Object).HandleAsync(MailTestHost.Message(diff, ExampleDiffs.CurrentSha), default));
        smtp.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task A_stale_claim_from_a_crashed_delivery_is_taken_over_once()
    {
        var service = new Azure.Data.Tables.TableServiceClient(azurite.ConnectionString);
        var table = MailTestHost.CreateTable(service, "sentmail" + Guid.NewGuid().ToString("N")[..12]);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var crashed = new SentMailLedger(service, time, table);
        var retries = new SentMailLedger(service, time, table);
        var key = SentMailLedger.ReleaseKey(CodeSystem.Hcpcs, new DateOnly(2019, 1, 1), ExampleDiffs.CurrentSha);
        await crashed.TryClaimAsync(key, "a@example.org", TimeSpan.FromMinutes(3), default); // then the process died before marking it sent
        time.Advance(TimeSpan.FromMinutes(10));

        var takeOvers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => retries.TryClaimAsync(key, "a@example.org", TimeSpan.FromMinutes(3), default)));

        // At-least-once in the crash window, but only one of several concurrent retries re-sends.
        Assert.Single(takeOvers, t => t.Outcome == ClaimOutcome.Claimed);
        Assert.All(takeOvers.Where(t => t.Outcome != ClaimOutcome.Claimed), t => Assert.Equal(ClaimOutcome.InProgress, t.Outcome));
    }

    [Fact]
    public async Task Concurrent_deliveries_claim_a_recipient_once()
    {
        var host = new MailTestHost(azurite);
        var key = SentMailLedger.ReleaseKey(CodeSystem.Hcpcs, new DateOnly(2019, 1, 1), ExampleDiffs.CurrentSha);

        var claims = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => host.Ledger.TryClaimAsync(key, "a@example.org", TimeSpan.FromMinutes(3), default)));

        Assert.Single(claims, c => c.Outcome == ClaimOutcome.Claimed);
    }

    [Fact]
    public async Task Without_smtp_settings_a_report_message_completes_and_sends_nothing()
    {
        var host = new MailTestHost(azurite);
        host.Options.Host = string.Empty;
        host.Options.From = string.Empty;
        await host.Subscribers.PutAsync("a@example.org", [CodeSystem.Hcpcs], default);
        var diff = ExampleDiffs.Diff();
        host.Publish(diff, ExampleDiffs.CurrentSha);
        var smtp = new Mock<ISmtpSender>(MockBehavior.Strict);

        // Not retried five times into the poison queue: the start-up log already said why.
        var result = await host.Handler(smtp.Object).HandleAsync(MailTestHost.Message(diff, ExampleDiffs.CurrentSha), default);

        Assert.Equal(ChangeReportOutcome.MailNotConfigured, result.Outcome);
        smtp.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task A_send_that_hangs_is_abandoned_before_the_claim_lease_ends()
    {
        var host = new MailTestHost(azurite);
        host.Options.Timeout = TimeSpan.FromSeconds(1);
        await host.Subscribers.PutAsync("a@example.org", [CodeSystem.Hcpcs], default);
        var diff = ExampleDiffs.Diff();
        host.Publish(diff, ExampleDiffs.CurrentSha);
        var hanging = new Mock<ISmtpSender>();
        hanging.Setup(s => s.SendAsync(It.IsAny<MimeMessage>(), It.IsAny<CancellationToken>()))
            .Returns((MimeMessage _, CancellationToken ct) => Task.Delay(TimeSpan.FromSeconds(20), ct)); // a server that stops answering

        await Assert.ThrowsAnyAsync<Exception>(() => host.Handler(hanging.Object).HandleAsync(MailTestHost.Message(diff, ExampleDiffs.CurrentSha), default));

        // Given up within the send timeout and the claim freed, so the queue's retry sends at once.
        var key = SentMailLedger.ReleaseKey(CodeSystem.Hcpcs, diff.Current.Effective, ExampleDiffs.CurrentSha);
        Assert.Null(await host.LedgerStateAsync(key, "a@example.org"));
    }

    [Fact]
    public async Task A_claim_that_keeps_vanishing_is_retried_a_bounded_number_of_times()
    {
        // Insert says 409 (someone holds it), read says 404 (they let it go): with a flapping
        // competitor this could go on forever; the ledger gives up and lets the queue retry.
        var calls = 0;
        var table = new Mock<TableClient>();
        table.Setup(t => t.AddEntityAsync(It.IsAny<TableEntity>(), It.IsAny<CancellationToken>()))
            .Returns(() => ++calls > 50 ? throw new InvalidOperationException("unbounded") : throw new RequestFailedException(409, "conflict"));
        table.Setup(t => t.GetEntityAsync<TableEntity>(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<IEnumerable<string>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RequestFailedException(404, "gone"));
        table.Setup(t => t.CreateIfNotExistsAsync(It.IsAny<CancellationToken>())).ReturnsAsync(Mock.Of<Response<TableItem>>());
        var service = new Mock<TableServiceClient>();
        service.Setup(s => s.GetTableClient(It.IsAny<string>())).Returns(table.Object);
        var ledger = new SentMailLedger(service.Object, TimeProvider.System, "sentmail");
        var key = SentMailLedger.ReleaseKey(CodeSystem.Hcpcs, new DateOnly(2019, 1, 1), ExampleDiffs.CurrentSha);

        var (outcome, _) = await ledger.TryClaimAsync(key, "a@example.org", TimeSpan.FromMinutes(3), default);

        Assert.Equal(ClaimOutcome.InProgress, outcome);
        Assert.InRange(calls, 2, 5);
    }
}
