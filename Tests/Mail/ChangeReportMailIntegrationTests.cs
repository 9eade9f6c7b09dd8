using CodeUpdates.Ingestion.Mail;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Subscribers;
using CodeUpdates.Tests.Support;
using System.IO.Compression;
using System.Xml.Linq;
using MimeKit;

namespace CodeUpdates.Tests.Mail;

/// <summary>The whole path: subscribers and ledger on a real Azurite, MailKit to a real smtp4dev on loopback, MIME read back.</summary>
[Trait(TestScope.Trait, TestScope.Integration)]
public sealed class ChangeReportMailIntegrationTests(AzuriteFixture azurite, Smtp4devFixture smtp4dev) : IClassFixture<AzuriteFixture>, IClassFixture<Smtp4devFixture>
{
    private static readonly XNamespace Sheet = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static readonly XNamespace Rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    [Fact]
    public async Task Mails_each_hcpcs_subscriber_once_with_the_marked_report_and_spreadsheet()
    {
        await smtp4dev.ClearAsync();
        var host = new MailTestHost(azurite, smtp4dev.SmtpPort);
        await host.Subscribers.PutAsync("Coder.One@example.org", [CodeSystem.Hcpcs], default);
        await host.Subscribers.PutAsync("coder.two@example.org", [CodeSystem.Hcpcs, CodeSystem.Cpt], default);
        await host.Subscribers.PutAsync("cpt.only@example.org", [CodeSystem.Cpt], default);
        var diff = ExampleDiffs.Diff();
        host.Publish(diff, ExampleDiffs.CurrentSha);
        var message = MailTestHost.Message(diff, ExampleDiffs.CurrentSha);

        var first = await host.Handler().HandleAsync(message, default);
        var again = await host.Handler().HandleAsync(message, default); // a duplicated or retried queue message

        Assert.Equal(2, first.Sent);
        Assert.Equal((0, 2), (again.Sent, again.AlreadySent));
        var mails = await smtp4dev.MessagesAsync();
        Assert.Equal(["Coder.One@example.org", "coder.two@example.org"], mails.Select(m => m.To.Mailboxes.Single().Address).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(mails, m => m.To.Mailboxes.Any(a => a.Address == "cpt.only@example.org"));

        var mail = mails[0];
        Assert.Equal("HCPCS 2019-01-01: 1 added, 2 deleted, 2 revised, 1 reactivated, 2 administrative, 1 purged", mail.Subject);
        var mixed = Assert.IsType<Multipart>(mail.Body);
        var alternative = Assert.IsType<MultipartAlternative>(mixed[0]);
        Assert.Contains("{+(Medicaid only)+}", alternative.TextBody);
        Assert.Matches("<del style=\"[^\"]+\">Crutches</del>", mail.HtmlBody);
        Assert.Matches("<ins style=\"[^\"]+\">\\(Medicaid only\\)</ins>", mail.HtmlBody);
        Assert.Contains("Drug &lt;b&gt;&amp; device&lt;/b&gt;", mail.HtmlBody);

        var attachment = Assert.IsType<MimePart>(Assert.Single(mail.Attachments));
        Assert.Equal("hcpcs-2019-01-01-changes.xlsx", attachment.FileName);
        using var xlsx = new MemoryStream();
        await attachment.Content!.DecodeToAsync(xlsx);
        var sheets = ReadSheets(xlsx);
        Assert.Equal(["Summary", "added", "deleted", "revised", "reactivated", "administrative", "purged"], sheets.Keys);
        var added = sheets["added"];
        Assert.Contains(added, row => row.Any(c => c.Text == "C9999") && row.Any(c => c.Text == "Drug <b>& device</b> combination, per unit"));
        var formulaLike = sheets["revised"].SelectMany(r => r).Where(c => c.Text.StartsWith('=')).ToArray(); // E0114's new long and short text
        Assert.Contains(formulaLike, c => c.Text.StartsWith("=Crutches underarm", StringComparison.Ordinal));
        // Text cells, formatted as Text (@, numFmtId 49) so that editing one keeps it text, and no formula.
        var textStyles = TextFormatStyles(xlsx);
        Assert.All(formulaLike, c => Assert.Equal(("inlineStr", true, false), (c.Type, textStyles.Contains(c.Style ?? "0"), c.HasFormula)));
    }

    [Fact]
    public async Task First_release_sends_a_short_initial_load_mail()
    {
        await smtp4dev.ClearAsync();
        var host = new MailTestHost(azurite, smtp4dev.SmtpPort);
        await host.Subscribers.PutAsync("coder@example.org", [CodeSystem.Hcpcs], default);
        var diff = ExampleDiffs.Initial();
        host.Publish(diff, ExampleDiffs.PriorSha);

        await host.Handler().HandleAsync(MailTestHost.Message(diff, ExampleDiffs.PriorSha), default);

        var mail = Assert.Single(await smtp4dev.MessagesAsync());
        Assert.Equal("HCPCS 2018-01-01: initial load, 8 codes", mail.Subject);
        Assert.Contains("Initial load: 8 codes", mail.HtmlBody);
        Assert.Contains("Initial load: 8 codes", mail.TextBody);
        Assert.DoesNotContain("A0021", mail.HtmlBody);
        Assert.Empty(mail.Attachments);
    }

    [Fact]
    public async Task A_recipient_the_server_refuses_is_recorded_and_everyone_else_gets_the_report()
    {
        await smtp4dev.ClearAsync();
        var host = new MailTestHost(azurite, smtp4dev.SmtpPort);
        var refused = $"a.{Smtp4devFixture.RefusedMarker}@example.org"; // first in the list, so it would block the others
        await host.Subscribers.PutAsync(refused, [CodeSystem.Hcpcs], default);
        await host.Subscribers.PutAsync("b@example.org", [CodeSystem.Hcpcs], default);
        await host.Subscribers.PutAsync("c@example.org", [CodeSystem.Hcpcs], default);
        var diff = ExampleDiffs.Diff();
        host.Publish(diff, ExampleDiffs.CurrentSha);
        var message = MailTestHost.Message(diff, ExampleDiffs.CurrentSha);

        var first = await host.Handler().HandleAsync(message, default); // a permanent refusal is not a reason to retry
        var again = await host.Handler().HandleAsync(message, default); // a duplicated queue message

        Assert.Equal(2, first.Sent);
        Assert.Equal(0, again.Sent);
        var mails = await smtp4dev.MessagesAsync();
        Assert.Equal(["b@example.org", "c@example.org"], mails.Select(m => m.To.Mailboxes.Single().Address).Order(StringComparer.Ordinal));
        var key = SentMailLedger.ReleaseKey(CodeSystem.Hcpcs, diff.Current.Effective, ExampleDiffs.CurrentSha);
        Assert.Equal(SentMailLedger.Sent, await host.LedgerStateAsync(key, "c@example.org"));
        Assert.Equal(SentMailLedger.Refused, await host.LedgerStateAsync(key, refused));

        // The subscriber list (GET /api/subscribers) shows each address's last delivery.
        var deliveries = (await host.Subscribers.ListAsync(default)).ToDictionary(s => s.Email, s => s.LastDelivery);
        Assert.Equal(SubscriberDelivery.Refused, deliveries[refused]?.Outcome);
        Assert.Contains("550", deliveries[refused]?.Detail);
        Assert.Equal((SubscriberDelivery.Sent, "hcpcs", new DateOnly(2019, 1, 1)), (deliveries["c@example.org"]?.Outcome, deliveries["c@example.org"]?.System, deliveries["c@example.org"]!.Effective));
    }

    /// <summary>The cell style indexes (cellXfs) whose number format is Text (@).</summary>
    private static HashSet<string> TextFormatStyles(Stream xlsx)
    {
        xlsx.Position = 0;
        using var zip = new ZipArchive(xlsx, ZipArchiveMode.Read, leaveOpen: true);
        using var stream = zip.GetEntry("xl/styles.xml")!.Open();
        var formats = XDocument.Load(stream).Descendants(Sheet + "cellXfs").Single().Elements(Sheet + "xf").ToArray();
        return [.. Enumerable.Range(0, formats.Length).Where(i => (string?)formats[i].Attribute("numFmtId") == "49").Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))];
    }

    private sealed record Cell(string Text, string? Type, string? Style, bool HasFormula);

    /// <summary>Sheet name → rows of cells, read from the workbook XML itself.</summary>
    private static Dictionary<string, List<List<Cell>>> ReadSheets(Stream xlsx)
    {
        xlsx.Position = 0;
        using var zip = new ZipArchive(xlsx, ZipArchiveMode.Read, leaveOpen: true);
        XDocument Load(string name)
        {
            using var stream = zip.GetEntry(name)!.Open();
            return XDocument.Load(stream);
        }

        var rels = Load("xl/_rels/workbook.xml.rels").Root!.Elements()
            .ToDictionary(e => (string)e.Attribute("Id")!, e => (string)e.Attribute("Target")!);
        var result = new Dictionary<string, List<List<Cell>>>();
        foreach (var sheet in Load("xl/workbook.xml").Descendants(Sheet + "sheet"))
        {
            var target = rels[(string)sheet.Attribute(Rel + "id")!];
            var part = target.StartsWith('/') ? target[1..] : "xl/" + target; // relative to xl/, or absolute in the package
            var rows = Load(part).Descendants(Sheet + "row")
                .Select(r => r.Elements(Sheet + "c").Select(c => new Cell(
                    string.Concat(c.Descendants(Sheet + "t").Select(t => t.Value)),
                    (string?)c.Attribute("t"),
                    (string?)c.Attribute("s"),
                    c.Element(Sheet + "f") is not null)).ToList())
                .ToList();
            result[(string)sheet.Attribute("name")!] = rows;
        }

        return result;
    }
}
