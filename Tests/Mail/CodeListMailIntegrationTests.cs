using System.Text.RegularExpressions;
using CodeUpdates.Ingestion.Diff;
using CodeUpdates.Ingestion.Mail;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Reports;
using CodeUpdates.Tests.Support;

namespace CodeUpdates.Tests.Mail;

/// <summary>
/// The report mail of the real CMS 2018 → 2019 HCPCS release (.txt) to a subscriber with a code list and one
/// without, through a real Azurite and a real smtp4dev. Which of the list's codes changed is worked out here
/// from the two files themselves, not from the diff.
/// </summary>
[Trait(TestScope.Trait, TestScope.Integration)]
[Trait("Data", "RealCms")]
public sealed partial class CodeListMailIntegrationTests(AzuriteFixture azurite, Smtp4devFixture smtp4dev) : IClassFixture<AzuriteFixture>, IClassFixture<Smtp4devFixture>
{
    private const string Sha = "2019sha";
    private const string WithList = "with.list@example.org";
    private const string WithoutList = "without.list@example.org";

    [Fact]
    public async Task A_subscriber_with_a_list_is_told_which_of_their_codes_changed_first_and_one_without_gets_the_usual_mail()
    {
        var prior = HcpcsTestData.Read(CmsFiles.Txt2018).ByCode();
        var current = HcpcsTestData.Read(CmsFiles.Txt2019).ByCode();
        // Added: in 2019 only, and in force. Revised: in both, in force in both, the long text differs in its words.
        var added = current.Values.Where(c => !prior.ContainsKey(c.Code) && c.TerminationDate is null).Select(c => c.Code).Order(StringComparer.Ordinal).Take(4).ToArray();
        var revised = current.Values
            .Where(c => prior.TryGetValue(c.Code, out var p) && p.TerminationDate is null && c.TerminationDate is null
                && !string.Equals(Words(p.LongDescription), Words(c.LongDescription), StringComparison.OrdinalIgnoreCase))
            .Select(c => c.Code).Order(StringComparer.Ordinal).Take(4).ToArray();
        // Unchanged: every field the same in both files.
        var unchanged = current.Values.Where(c => prior.TryGetValue(c.Code, out var p) && HcpcsTestData.Describe(p) == HcpcsTestData.Describe(c))
            .Select(c => c.Code).Order(StringComparer.Ordinal).Where((_, i) => i % 500 == 0).Take(8).ToArray();
        const string neverSeen = "ZZ999";
        string[] changed = [.. added, .. revised];
        string[] list = [.. unchanged.Take(4), .. changed, .. unchanged.Skip(4), neverSeen];
        Assert.Equal((4, 4, 8), (added.Length, revised.Length, unchanged.Length));

        await smtp4dev.ClearAsync();
        var host = new MailTestHost(azurite, smtp4dev.SmtpPort);
        await host.Subscribers.PutAsync(WithList, [CodeSystem.Hcpcs], list, default);
        await host.Subscribers.PutAsync(WithoutList, [CodeSystem.Hcpcs], default);
        var diff = ReleaseDiff.Compare(Snapshot(CmsFiles.Txt2018), Snapshot(CmsFiles.Txt2019));
        host.Publish(diff, Sha);
        var message = MailTestHost.Message(diff, Sha);

        var first = await host.Handler().HandleAsync(message, default);
        var again = await host.Handler().HandleAsync(message, default); // one mail per subscriber per release, list or not

        Assert.Equal((2, 0, 2), (first.Sent, again.Sent, again.AlreadySent));
        var mails = (await smtp4dev.MessagesAsync()).ToDictionary(m => m.To.Mailboxes.Single().Address, StringComparer.Ordinal);
        Assert.Equal([WithList, WithoutList], mails.Keys.Order(StringComparer.Ordinal));

        var theirs = mails[WithList];
        var sentence = $"{changed.Length} of your {list.Length} codes changed";
        Assert.Equal("8 of your 17 codes changed", sentence);
        var htmlLead = Lead(theirs.HtmlBody, $">{ChangeReportText.WholeReleaseHeading}</h2>");
        var textLead = Lead(theirs.TextBody, ChangeReportText.WholeReleaseHeading);
        Assert.Contains($"<strong>{sentence}.</strong>", htmlLead, StringComparison.Ordinal);
        Assert.Contains(sentence + ".", textLead, StringComparison.Ordinal);
        Assert.True(htmlLead.IndexOf(sentence, StringComparison.Ordinal) < htmlLead.IndexOf("Your codes: ", StringComparison.Ordinal));
        Assert.Equal(changed.Order(StringComparer.Ordinal), CodeCells().Matches(htmlLead).Select(m => m.Groups["code"].Value).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(changed.Order(StringComparer.Ordinal), TextRows().Matches(textLead).Select(m => m.Groups["code"].Value).Distinct().Order(StringComparer.Ordinal));
        Assert.Contains("Your codes: Added (4)", htmlLead, StringComparison.Ordinal);
        Assert.Contains("Your codes: Revised (4)", textLead, StringComparison.Ordinal);

        // After their codes, the whole report as everyone gets it, and the same subject and spreadsheet.
        var usual = mails[WithoutList];
        Assert.Equal(usual.Subject, theirs.Subject);
        Assert.DoesNotContain("of your", usual.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Your codes", usual.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(ChangeReportText.WholeReleaseHeading, usual.HtmlBody, StringComparison.Ordinal);
        var usualHtml = usual.HtmlBody ?? string.Empty;
        var heading = Lead(usualHtml, "</h1>").Length + "</h1>".Length;
        Assert.StartsWith(usualHtml[..heading], theirs.HtmlBody, StringComparison.Ordinal);
        Assert.EndsWith(usualHtml[heading..], theirs.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Added (228)", theirs.HtmlBody, StringComparison.Ordinal);
        Assert.Equal(usual.Attachments.Single().ContentDisposition?.FileName, theirs.Attachments.Single().ContentDisposition?.FileName);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(theirs.HtmlBody ?? string.Empty) < 100_000);
    }

    /// <summary>The part of a body before the marker (the whole body when it has none).</summary>
    private static string Lead(string? body, string marker)
    {
        body ??= string.Empty;
        var at = body.IndexOf(marker, StringComparison.Ordinal);
        return at < 0 ? body : body[..at];
    }

    private static string Words(string? text) => string.Join(' ', (text ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static ReleaseSnapshot Snapshot(string relative) =>
        ReleaseReader.Read(new ReleaseFile(RepoPaths.Cms(relative), CmsFiles.Read(relative)), CodeSystem.Hcpcs);

    /// <summary>A code in a row's first cell (monospace) of the HTML mail.</summary>
    [GeneratedRegex(@"<td style=""[^""]*monospace[^""]*"">(?<code>[A-Z0-9]{2,5})</td>")]
    private static partial Regex CodeCells();

    /// <summary>A row of the text mail: two spaces, the code, two spaces.</summary>
    [GeneratedRegex(@"^  (?<code>[A-Z0-9]{5}|[A-Z0-9]{2})  ", RegexOptions.Multiline)]
    private static partial Regex TextRows();
}
