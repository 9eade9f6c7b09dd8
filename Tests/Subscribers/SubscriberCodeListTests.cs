using System.Text;
using CodeUpdates.Ingestion.Answers;
using CodeUpdates.Ingestion.Subscribers;
using CodeUpdates.Tests.Mail;
using CodeUpdates.Tests.Support;
using Azure.Data.Tables;

namespace CodeUpdates.Tests.Subscribers;

/// <summary>A subscriber's code list, kept on their row of a real Azurite table of the test's own.</summary>
[Trait(TestScope.Trait, TestScope.Integration)]
public sealed class SubscriberCodeListTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Email = "list.keeper@example.org";

    private readonly SubscriberStore store = new(new TableServiceClient(azurite.ConnectionString), MailTestHost.CreateTable(new TableServiceClient(azurite.ConnectionString), "subscribers" + Guid.NewGuid().ToString("N")[..12]));

    private SubscriberDirectory Directory => new(store);

    [Fact]
    public async Task A_list_of_100000_codes_round_trips_trimmed_upper_cased_and_once_each()
    {
        // 100,000 distinct codes (a letter and four digits), given lower-cased, padded, and each tenth one twice.
        var distinct = Enumerable.Range(0, CodeList.MaxCodes).Select(i => $"{(char)('A' + (i / 10_000))}{i % 10_000:D4}").ToArray();
        var given = distinct.SelectMany((code, i) => i % 10 == 0 ? new[] { $" {code.ToLowerInvariant()} ", code } : [code]).ToArray();
        var expected = given.Select(c => c.Trim().ToUpperInvariant()).Distinct(StringComparer.Ordinal).ToArray();

        var put = await Directory.PutAsync(Email, new SubscriberRequest(["hcpcs"]) { Codes = given }, default);

        Assert.True(put.Found, put.Refusal?.Detail);
        Assert.Equal(CodeList.MaxCodes, expected.Length);
        Assert.Equal(expected.Length, put.Value.CodeCount);
        Assert.Equal(expected.Length, Assert.Single(await store.ListAsync(default)).CodeCount);
        var read = await Directory.GetCodesAsync(Email.ToUpperInvariant(), default);
        Assert.Equal(expected, read.Value!.Codes);

        // A shorter list replaces it whole: nothing of the long one is left in the row's later chunks.
        var csv = await Directory.PutCodesAsync(Email, "text/csv", Encoding.UTF8.GetBytes("Description,HCPCS Code\nCrutches,e0114\nPump,A4563\nAgain,E0114\n"), default);
        Assert.Equal(2, csv.Value?.CodeCount);
        Assert.Equal(["E0114", "A4563"], (await Directory.GetCodesAsync(Email, default)).Value!.Codes);

        // Changing the systems without "codes" keeps the list; "codes": [] removes it.
        await Directory.PutAsync(Email, new SubscriberRequest(["hcpcs", "cpt"]), default);
        Assert.Equal((2, "cpt,hcpcs"), Summary(Assert.Single(await store.ListAsync(default))));
        await Directory.PutAsync(Email, new SubscriberRequest(["hcpcs"]) { Codes = [] }, default);
        Assert.Equal(0, Assert.Single(await store.ListAsync(default)).CodeCount);
        Assert.Empty((await Directory.GetCodesAsync(Email, default)).Value!.Codes!);
    }

    [Theory]
    [InlineData(new[] { "E0114", "E01!4" }, "item 2 of codes", "E01!4")]
    [InlineData(new[] { "E0114", "A4563", "" }, "item 3 of codes", "''")]
    [InlineData(new[] { "E0114", "99213X" }, "item 2 of codes", "99213X")]
    public async Task A_bad_entry_in_the_subscriber_body_is_refused_by_name_and_changes_nothing(string[] codes, string where, string entry)
    {
        await Directory.PutAsync(Email, new SubscriberRequest(["hcpcs"]) { Codes = ["G0279"] }, default);

        var put = await Directory.PutAsync(Email, new SubscriberRequest(["cpt"]) { Codes = codes }, default);

        Assert.Equal(RefusalKind.Invalid, put.Refusal?.Kind);
        Assert.StartsWith(where + ":", put.Refusal!.Detail, StringComparison.Ordinal);
        Assert.Contains(entry, put.Refusal.Detail, StringComparison.Ordinal);
        Assert.Equal((1, "hcpcs"), Summary(Assert.Single(await store.ListAsync(default))));
        Assert.Equal(["G0279"], (await Directory.GetCodesAsync(Email, default)).Value!.Codes);
    }

    [Theory]
    [InlineData("text/csv", "code\nE0114\nnot a code\n", RefusalKind.Invalid, "line 3")]
    [InlineData("text/plain", "E0114\n\nA4563,E0114\n", RefusalKind.Invalid, "line 3")]
    [InlineData("text/csv", "code\n", RefusalKind.Invalid, "holds no code")]
    [InlineData("application/pdf", "E0114", RefusalKind.UnsupportedMediaType, "application/pdf")]
    [InlineData(null, "E0114", RefusalKind.UnsupportedMediaType, "no Content-Type")]
    public async Task An_upload_that_is_no_code_list_is_refused_and_changes_nothing(string? contentType, string body, RefusalKind kind, string named)
    {
        await Directory.PutAsync(Email, new SubscriberRequest(["hcpcs"]) { Codes = ["G0279", "E0114"] }, default);

        var put = await Directory.PutCodesAsync(Email, contentType, Encoding.UTF8.GetBytes(body), default);

        Assert.Equal(kind, put.Refusal?.Kind);
        Assert.Contains(named, put.Refusal!.Detail, StringComparison.Ordinal);
        Assert.Equal(["G0279", "E0114"], (await Directory.GetCodesAsync(Email, default)).Value!.Codes);
    }

    [Fact]
    public async Task More_than_100000_codes_are_refused_as_too_large_and_change_nothing()
    {
        await Directory.PutAsync(Email, new SubscriberRequest(["hcpcs"]) { Codes = ["G0279"] }, default);
        var tooMany = string.Join('\n', Enumerable.Range(0, CodeList.MaxCodes + 1).Select(i => $"{(char)('A' + (i / 10_000))}{i % 10_000:D4}"));

        var put = await Directory.PutCodesAsync(Email, "text/plain", Encoding.ASCII.GetBytes(tooMany), default);

        Assert.Equal(RefusalKind.TooLarge, put.Refusal?.Kind);
        Assert.Equal(["G0279"], (await Directory.GetCodesAsync(Email, default)).Value!.Codes);
    }

    [Fact]
    public async Task A_list_for_an_address_not_subscribed_is_not_found_and_subscribes_nobody()
    {
        var put = await Directory.PutCodesAsync("nobody@example.org", "text/plain", "E0114"u8.ToArray(), default);
        var get = await Directory.GetCodesAsync("nobody@example.org", default);
        var delete = await Directory.DeleteCodesAsync("nobody@example.org", default);

        Assert.Equal((RefusalKind.NotFound, RefusalKind.NotFound, RefusalKind.NotFound), (put.Refusal?.Kind, get.Refusal?.Kind, delete?.Kind));
        Assert.Empty(await store.ListAsync(default));
    }

    private static (int CodeCount, string Systems) Summary(Subscriber subscriber) => (subscriber.CodeCount, string.Join(',', subscriber.Systems.Order(StringComparer.Ordinal)));
}
