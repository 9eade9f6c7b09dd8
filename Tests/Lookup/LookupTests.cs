using CodeUpdates.Ingestion.Answers;
using CodeUpdates.Ingestion.Lookup;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Ingestion.Storage;
using CodeUpdates.Ingestion.Versions;
using CodeUpdates.Tests.Support;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CodeUpdates.Tests.Lookup;

/// <summary>Dated lookups over the real CMS 2017–2019 files, loaded out of order into Azurite, through the lookup service the HTTP functions call.</summary>
[Trait(TestScope.Trait, TestScope.Integration)]
public sealed class LookupTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Answers_validity_and_text_on_both_sides_of_add_term_and_text_change_dates()
    {
        await using var host = await IngestionHost.StartAsync(azurite);
        foreach (var file in new[] { CmsFiles.Txt2019, CmsFiles.Txt2017, CmsFiles.Txt2018 })
        {
            await host.DropAsync("hcpcs/" + Path.GetFileName(file), CmsFiles.Read(file));
        }

        var lookup = host.Get<CodeLookup>();

        // Added in 2019 (ADD DT 2019-01-01): not yet effective the day before.
        await AssertAnswer(lookup, "A4563", "2018-12-31", "not-yet-effective", valid: false, reason: "not effective until 2019-01-01");
        await AssertAnswer(lookup, "A4563", "2019-01-01", "active", valid: true);

        // Terminated 2017-12-31 (TERM DT), replaced by 99493.
        var g0503 = await AssertAnswer(lookup, "G0503", "2017-12-31", "active", valid: true);
        Assert.Equal("2017-01-01", g0503.GetProperty("validFrom").GetString());
        var ended = await AssertAnswer(lookup, "G0503", "2018-01-01", "terminated", valid: false, reason: "terminated on 2017-12-31; replaced by 99493");
        Assert.Equal(["99493"], ended.GetProperty("replacedBy").EnumerateArray().Select(e => e.GetString() ?? string.Empty).ToArray());

        // Terminated in the 2019 file (TERM DT 2018-12-31), replaced by 77046.
        await AssertAnswer(lookup, "C8904", "2018-12-31", "active", valid: true);
        await AssertAnswer(lookup, "C8904", "2019-01-01", "terminated", valid: false, reason: "replaced by 77046");

        // Missing from 2019 without a TERM DT ("absent"): valid to the day before the 2019 release.
        var da = await AssertAnswer(lookup, "DA", "2019-01-01", "terminated", valid: false);
        Assert.Equal("2018-12-31", da.GetProperty("validTo").GetString());
        Assert.Equal("modifier", da.GetProperty("kind").GetString());

        // Text revised in 2019 with no ACT EFF DT inside the year: the new text starts on the release date.
        Assert.Equal("Water circulating cold pad with pump", (await AssertAnswer(lookup, "E0218", "2018-12-31", "active", valid: true)).GetProperty("longDescription").GetString());
        Assert.Equal("Fluid circulating cold pad with pump, any type", (await AssertAnswer(lookup, "E0218", "2019-01-01", "active", valid: true)).GetProperty("longDescription").GetString());

        // Short text changed by the April 2018 quarter: the 2019 file's ACT EFF DT 2018-04-01 starts the new text.
        Assert.Equal("Insert drug del implant, >4", (await AssertAnswer(lookup, "G0516", "2018-03-31", "active", valid: true)).GetProperty("shortDescription").GetString());
        Assert.Equal("Insert drug del implant, >=4", (await AssertAnswer(lookup, "G0516", "2018-04-01", "active", valid: true)).GetProperty("shortDescription").GetString());

        // Purged by CMS in 2018 (terminated in 2013): still answered, as terminated, from the 2017 release.
        var purged = CmsPurgedCode();
        var purgedAnswer = await AssertAnswer(lookup, purged, "2018-06-01", "terminated", valid: false);
        Assert.Equal("2017-01-01", purgedAnswer.GetProperty("release").GetString());

        var history = Body(await lookup.HistoryAsync("hcpcs", "G0516", CancellationToken.None));
        var starts = history.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("start").GetString() ?? string.Empty).ToArray();
        Assert.Equal(["2018-01-01", "2018-04-01"], starts);
    }

    [Fact]
    public async Task Bad_requests_are_refused_as_invalid_unknown_codes_as_not_found_and_tags_follow_code_and_date()
    {
        await using var host = await IngestionHost.StartAsync(azurite);
        await host.DropAsync("hcpcs/2019-01-01/excerpt.txt", CmsFiles.Excerpt(CmsFiles.Txt2019, 40));
        var lookup = host.Get<CodeLookup>();

        AssertRefused(await lookup.AnswerAsync("hcpcs", "A1", "2019-13-01", CancellationToken.None), RefusalKind.Invalid, "yyyy-MM-dd");
        AssertRefused(await lookup.AnswerAsync("icd10", "A1", null, CancellationToken.None), RefusalKind.Invalid, "hcpcs or cpt");
        AssertRefused(await lookup.AnswerAsync("hcpcs", "A1-9", null, CancellationToken.None), RefusalKind.Invalid, "not a code");
        AssertRefused(await lookup.AnswerAsync("hcpcs", "Z9999", null, CancellationToken.None), RefusalKind.NotFound, "Z9999");

        var first = await lookup.AnswerAsync("hcpcs", "a1", "2019-02-01", CancellationToken.None);
        var again = await lookup.AnswerAsync("hcpcs", "A1", "2019-02-01", CancellationToken.None);
        var otherDate = await lookup.AnswerAsync("hcpcs", "A1", "2019-02-02", CancellationToken.None);
        Assert.NotNull(first.Tag);
        Assert.Equal(first.Tag, again.Tag);
        Assert.NotEqual(first.Tag, otherDate.Tag);
    }

    [Fact]
    public async Task A_batch_of_1000_claim_lines_is_answered_in_order_and_1001_is_refused()
    {
        await using var host = await IngestionHost.StartAsync(azurite);
        await host.DropAsync("hcpcs/2019-01-01/excerpt.txt", CmsFiles.Excerpt(CmsFiles.Txt2019, 40));
        var lookup = host.Get<CodeLookup>();
        var codes = ReleaseReader.Read(new ReleaseFile("hcpcs/2019-01-01/excerpt.txt", CmsFiles.Excerpt(CmsFiles.Txt2019, 40))).Codes.Select(c => c.Code).ToArray();
        var items = Enumerable.Range(0, 1000)
            .Select(i => (LookupItem?)new LookupItem("hcpcs", i % 97 == 0 ? "Q9999" : codes[i % codes.Length], "2019-06-01"))
            .ToArray();

        var body = Body(await lookup.LookupAsync(new LookupRequest(items), CancellationToken.None));
        var results = body.GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal(1000, results.Length);
        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(items[i]!.Code, results[i].GetProperty("code").GetString());
            Assert.Equal(items[i]!.Code != "Q9999", results[i].GetProperty("found").GetBoolean());
        }

        AssertRefused(await lookup.LookupAsync(new LookupRequest(items.Append(items[0]).ToArray()), CancellationToken.None), RefusalKind.Invalid, "at most 1000");
    }

    [Fact]
    public async Task The_publishing_instance_answers_the_new_codes_as_soon_as_the_release_says_published()
    {
        await using var host = await IngestionHost.StartAsync(azurite);
        var (prior, current, newCode) = TwoReleasesAndACodeOnlyTheSecondHas();
        await host.DropAsync("hcpcs/2018-01-01/excerpt.txt", prior);
        var lookup = host.Get<CodeLookup>();
        Assert.Equal(RefusalKind.NotFound, (await lookup.AnswerAsync("hcpcs", newCode, "2019-06-01", CancellationToken.None)).Refusal?.Kind);

        var published = await host.DropAsync("hcpcs/2019-01-01/excerpt.txt", current);

        Assert.Equal(IngestOutcome.Published, published.Outcome);
        var answer = await lookup.AnswerAsync("hcpcs", newCode, "2019-06-01", CancellationToken.None);
        Assert.True(answer.Found, answer.Refusal?.Detail);
    }

    [Fact]
    public async Task The_publishing_instance_takes_in_each_release_from_what_it_recomputed_and_holds_what_a_fresh_load_reads()
    {
        await using var host = await IngestionHost.StartAsync(azurite);
        await host.DropAsync("hcpcs/2017-01-01/excerpt.txt", CmsFiles.Excerpt(CmsFiles.Txt2017, 400));
        var cache = host.Get<VersionCache>();
        await cache.GetAsync(CancellationToken.None);

        foreach (var (blobName, file) in new[] { ("hcpcs/2019-01-01/excerpt.txt", CmsFiles.Txt2019), ("hcpcs/2018-01-01/excerpt.txt", CmsFiles.Txt2018) })
        {
            host.Faults.Reset();
            Assert.Equal(IngestOutcome.Published, (await host.DropAsync(blobName, CmsFiles.Excerpt(file, 400))).Outcome);

            // The recompute reads only the partitions of the codes it touched (whole rows, since a row it changes is copied to
            // the closed versions first); it never scans the whole system's rows for a quarterly excerpt.
            var versionReads = host.Faults.TableReads.Where(r => r.Contains($"/{StorageNames.VersionsTable}()", StringComparison.Ordinal)).ToArray();
            Assert.All(versionReads, read => Assert.Contains("PartitionKey eq ", Uri.UnescapeDataString(read), StringComparison.Ordinal));
            Assert.Equal(await HeldVersions.FreshlyLoadedAsync(host, CodeSystem.Hcpcs), await HeldVersions.OfAsync(cache, CodeSystem.Hcpcs));
        }
    }

    [Fact]
    public async Task Another_instance_answers_a_new_release_after_its_next_check_of_the_head_rows()
    {
        await using var host = await IngestionHost.StartAsync(azurite);
        var (prior, current, newCode) = TwoReleasesAndACodeOnlyTheSecondHas();
        await host.DropAsync("hcpcs/2018-01-01/excerpt.txt", prior);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var otherInstance = new VersionCache(host.Get<ReleaseStore>(), host.Get<VersionStore>(), NullLogger<VersionCache>.Instance);
        using var refresher = new VersionCacheRefresher(otherInstance, time, NullLogger<VersionCacheRefresher>.Instance);
        await refresher.StartAsync(CancellationToken.None);
        Assert.Null((await otherInstance.GetAsync(CancellationToken.None)).Find(CodeSystem.Hcpcs, newCode));

        await host.DropAsync("hcpcs/2019-01-01/excerpt.txt", current);
        Assert.Null((await otherInstance.GetAsync(CancellationToken.None)).Find(CodeSystem.Hcpcs, newCode));

        time.Advance(VersionCache.CheckInterval);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await otherInstance.GetAsync(CancellationToken.None)).Find(CodeSystem.Hcpcs, newCode) is null && DateTime.UtcNow < deadline)
        {
            // The check runs beside the lookups, which answer from the copy in hand until it is done.
            await Task.Delay(20);
        }

        Assert.NotNull((await otherInstance.GetAsync(CancellationToken.None)).Find(CodeSystem.Hcpcs, newCode));
        await refresher.StopAsync(CancellationToken.None);
    }

    private static (byte[] Prior, byte[] Current, string NewCode) TwoReleasesAndACodeOnlyTheSecondHas()
    {
        var prior = CmsFiles.Excerpt(CmsFiles.Txt2018, 120);
        var current = CmsFiles.Excerpt(CmsFiles.Txt2019, 120);
        var before = ReleaseReader.Read(new ReleaseFile("2018-01-01/x.txt", prior));
        var newCode = ReleaseReader.Read(new ReleaseFile("2019-01-01/x.txt", current)).Codes.Select(c => c.Code).First(code => !before.Contains(code));
        return (prior, current, newCode);
    }

    private static string CmsPurgedCode()
    {
        var before = ReleaseReader.Read(new ReleaseFile(CmsFiles.Txt2017, CmsFiles.Read(CmsFiles.Txt2017)));
        var after = ReleaseReader.Read(new ReleaseFile(CmsFiles.Txt2018, CmsFiles.Read(CmsFiles.Txt2018)));
        return before.Codes.First(c => c.TerminationDate is not null && !after.Contains(c.Code)).Code;
    }

    private static async Task<JsonElement> AssertAnswer(CodeLookup lookup, string code, string date, string status, bool valid, string? reason = null)
    {
        var answer = Body(await lookup.AnswerAsync("hcpcs", code, date, CancellationToken.None));
        Assert.Equal(status, answer.GetProperty("status").GetString());
        Assert.Equal(valid, answer.GetProperty("valid").GetBoolean());
        Assert.Equal(date, answer.GetProperty("date").GetString());
        if (reason is not null)
        {
            Assert.Contains(reason, answer.GetProperty("reason").GetString(), StringComparison.Ordinal);
        }

        return answer;
    }

    private static void AssertRefused<T>(Answer<T> answer, RefusalKind kind, string mentions)
        where T : notnull
    {
        Assert.False(answer.Found);
        Assert.Equal(kind, answer.Refusal.Kind);
        Assert.Contains(mentions, answer.Refusal.Detail, StringComparison.Ordinal);
    }

    /// <summary>The answer as the HTTP API writes it.</summary>
    private static JsonElement Body<T>(Answer<T> answer)
        where T : notnull
    {
        Assert.True(answer.Found, answer.Refusal?.Detail);
        return JsonSerializer.SerializeToElement<object>(answer.Value, WebJson.Options);
    }
}
