using System.Text.Json;
using CodeUpdates.Ingestion.Http;
using CodeUpdates.Ingestion.Lookup;
using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Ingestion.Storage;
using CodeUpdates.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CodeUpdates.Tests.Integration;

/// <summary>Dated lookups over the real CMS 2017–2019 files, loaded out of order into Azurite, through the HTTP handlers.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class LookupTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Answers_validity_and_text_on_both_sides_of_add_term_and_text_change_dates()
    {
        await using var host = await IngestionHost.StartAsync(azurite);
        foreach (var file in new[] { CmsFiles.Txt2019, CmsFiles.Txt2017, CmsFiles.Txt2018 })
        {
            await host.DropAsync("hcpcs/" + Path.GetFileName(file), CmsFiles.Read(file));
        }

        var versions = host.Get<VersionCache>();

        // Added in 2019 (ADD DT 2019-01-01): not yet effective the day before.
        await AssertAnswer(versions, "A4563", "2018-12-31", "not-yet-effective", valid: false, reason: "not effective until 2019-01-01");
        await AssertAnswer(versions, "A4563", "2019-01-01", "active", valid: true);

        // Terminated 2017-12-31 (TERM DT), replaced by 99493.
        var g0503 = await AssertAnswer(versions, "G0503", "2017-12-31", "active", valid: true);
        Assert.Equal("2017-01-01", g0503.GetProperty("validFrom").GetString());
        var ended = await AssertAnswer(versions, "G0503", "2018-01-01", "terminated", valid: false, reason: "terminated on 2017-12-31; replaced by 99493");
        Assert.Equal(["99493"], ended.GetProperty("replacedBy").EnumerateArray().Select(e => e.GetString() ?? string.Empty).ToArray());

        // Terminated in the 2019 file (TERM DT 2018-12-31), replaced by 77046.
        await AssertAnswer(versions, "C8904", "2018-12-31", "active", valid: true);
        await AssertAnswer(versions, "C8904", "2019-01-01", "terminated", valid: false, reason: "replaced by 77046");

        // Missing from 2019 without a TERM DT ("absent"): valid to the day before the 2019 release.
        var da = await AssertAnswer(versions, "DA", "2019-01-01", "terminated", valid: false);
        Assert.Equal("2018-12-31", da.GetProperty("validTo").GetString());
        Assert.Equal("modifier", da.GetProperty("kind").GetString());

        // Text revised in 2019 with no ACT EFF DT inside the year: the new text starts on the release date.
        Assert.Equal("Water circulating cold pad with pump", (await AssertAnswer(versions, "E0218", "2018-12-31", "active", valid: true)).GetProperty("longDescription").GetString());
        Assert.Equal("Fluid circulating cold pad with pump, any type", (await AssertAnswer(versions, "E0218", "2019-01-01", "active", valid: true)).GetProperty("longDescription").GetString());

        // Short text changed by the April 2018 quarter: the 2019 file's ACT EFF DT 2018-04-01 starts the new text.
        Assert.Equal("Insert drug del implant, >4", (await AssertAnswer(versions, "G0516", "2018-03-31", "active", valid: true)).GetProperty("shortDescription").GetString());
        Assert.Equal("Insert drug del implant, >=4", (await AssertAnswer(versions, "G0516", "2018-04-01", "active", valid: true)).GetProperty("shortDescription").GetString());

        // Purged by CMS in 2018 (terminated in 2013): still answered, as terminated, from the 2017 release.
        var purged = CmsPurgedCode();
        var purgedAnswer = await AssertAnswer(versions, purged, "2018-06-01", "terminated", valid: false);
        Assert.Equal("2017-01-01", purgedAnswer.GetProperty("release").GetString());

        var history = await Body(await CodeEndpoints.GetHistoryAsync(versions, "hcpcs", "G0516", null, CancellationToken.None));
        var starts = history.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("start").GetString() ?? string.Empty).ToArray();
        Assert.Equal(["2018-01-01", "2018-04-01"], starts);
    }

    [Fact]
    public async Task Bad_requests_are_problem_details_unknown_codes_404_and_etags_give_304()
    {
        await using var host = await IngestionHost.StartAsync(azurite);
        await host.DropAsync("hcpcs/2019-01-01/excerpt.txt", CmsFiles.Excerpt(CmsFiles.Txt2019, 40));
        var versions = host.Get<VersionCache>();

        await AssertProblem(CodeEndpoints.GetCodeAsync(versions, TimeProvider.System, "hcpcs", "A1", "2019-13-01", null, CancellationToken.None), 400, "yyyy-MM-dd");
        await AssertProblem(CodeEndpoints.GetCodeAsync(versions, TimeProvider.System, "icd10", "A1", null, null, CancellationToken.None), 400, "hcpcs or cpt");
        await AssertProblem(CodeEndpoints.GetCodeAsync(versions, TimeProvider.System, "hcpcs", "A1-9", null, null, CancellationToken.None), 400, "not a code");
        await AssertProblem(CodeEndpoints.GetCodeAsync(versions, TimeProvider.System, "hcpcs", "Z9999", null, null, CancellationToken.None), 404, "Z9999");

        var first = (ApiResults.TaggedResult)await CodeEndpoints.GetCodeAsync(versions, TimeProvider.System, "hcpcs", "a1", "2019-02-01", null, CancellationToken.None);
        var again = (ApiResults.TaggedResult)await CodeEndpoints.GetCodeAsync(versions, TimeProvider.System, "hcpcs", "A1", "2019-02-01", first.ETag, CancellationToken.None);
        Assert.Equal(304, await StatusOf(again));
        var otherDate = (ApiResults.TaggedResult)await CodeEndpoints.GetCodeAsync(versions, TimeProvider.System, "hcpcs", "A1", "2019-02-02", first.ETag, CancellationToken.None);
        Assert.Equal(200, await StatusOf(otherDate));
    }

    [Fact]
    public async Task A_batch_of_1000_claim_lines_is_answered_in_order_and_1001_is_refused()
    {
        await using var host = await IngestionHost.StartAsync(azurite);
        await host.DropAsync("hcpcs/2019-01-01/excerpt.txt", CmsFiles.Excerpt(CmsFiles.Txt2019, 40));
        var versions = host.Get<VersionCache>();
        var codes = ReleaseReader.Read(new ReleaseFile("hcpcs/2019-01-01/excerpt.txt", CmsFiles.Excerpt(CmsFiles.Txt2019, 40))).Codes.Select(c => c.Code).ToArray();
        var items = Enumerable.Range(0, 1000)
            .Select(i => (LookupItem?)new LookupItem("hcpcs", i % 97 == 0 ? "Q9999" : codes[i % codes.Length], "2019-06-01"))
            .ToArray();

        var body = await Body(await CodeEndpoints.LookupAsync(versions, TimeProvider.System, new LookupRequest(items), CancellationToken.None));
        var results = body.GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal(1000, results.Length);
        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(items[i]!.Code, results[i].GetProperty("code").GetString());
            Assert.Equal(items[i]!.Code != "Q9999", results[i].GetProperty("found").GetBoolean());
        }

        await AssertProblem(CodeEndpoints.LookupAsync(versions, TimeProvider.System, new LookupRequest(items.Append(items[0]).ToArray()), CancellationToken.None), 400, "at most 1000");
    }

    [Fact]
    public async Task Another_instance_learns_of_a_new_release_from_the_head_row()
    {
        await using var host = await IngestionHost.StartAsync(azurite);
        var prior = CmsFiles.Excerpt(CmsFiles.Txt2018, 120);
        var current = CmsFiles.Excerpt(CmsFiles.Txt2019, 120);
        var newCode = ReleaseReader.Read(new ReleaseFile("2019-01-01/x.txt", current)).Codes
            .Select(c => c.Code)
            .First(code => !ReleaseReader.Read(new ReleaseFile("2018-01-01/x.txt", prior)).Contains(code));

        await host.DropAsync("hcpcs/2018-01-01/excerpt.txt", prior);
        var otherInstance = new VersionCache(host.Get<ReleaseStore>(), host.Get<VersionStore>(), TimeProvider.System);
        Assert.Null((await otherInstance.GetAsync(CancellationToken.None)).Find(CodeSystem.Hcpcs, newCode));

        await host.DropAsync("hcpcs/2019-01-01/excerpt.txt", current);
        Assert.Null((await otherInstance.GetAsync(CancellationToken.None)).Find(CodeSystem.Hcpcs, newCode));

        await otherInstance.CheckForNewReleasesAsync(CancellationToken.None);
        Assert.NotNull((await otherInstance.GetAsync(CancellationToken.None)).Find(CodeSystem.Hcpcs, newCode));
    }

    private static string CmsPurgedCode()
    {
        var before = ReleaseReader.Read(new ReleaseFile(CmsFiles.Txt2017, CmsFiles.Read(CmsFiles.Txt2017)));
        var after = ReleaseReader.Read(new ReleaseFile(CmsFiles.Txt2018, CmsFiles.Read(CmsFiles.Txt2018)));
        return before.Codes.First(c => c.TerminationDate is not null && !after.Contains(c.Code)).Code;
    }

    private static async Task<JsonElement> AssertAnswer(IVersionSource versions, string code, string date, string status, bool valid, string? reason = null)
    {
        var answer = await Body(await CodeEndpoints.GetCodeAsync(versions, TimeProvider.System, "hcpcs", code, date, null, CancellationToken.None));
        Assert.Equal(status, answer.GetProperty("status").GetString());
        Assert.Equal(valid, answer.GetProperty("valid").GetBoolean());
        Assert.Equal(date, answer.GetProperty("date").GetString());
        if (reason is not null)
        {
            Assert.Contains(reason, answer.GetProperty("reason").GetString(), StringComparison.Ordinal);
        }

        return answer;
    }

    private static async Task AssertProblem(Task<IResult> result, int status, string mentions)
    {
        var context = await Execute(await result);
        Assert.Equal(status, context.Response.StatusCode);
        Assert.StartsWith("application/problem+json", context.Response.ContentType, StringComparison.Ordinal);
        context.Response.Body.Position = 0;
        var problem = await JsonDocument.ParseAsync(context.Response.Body);
        Assert.Contains(mentions, problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static async Task<int> StatusOf(IResult result) => (await Execute(result)).Response.StatusCode;

    private static async Task<JsonElement> Body(IResult result)
    {
        var context = await Execute(result);
        Assert.Equal(200, context.Response.StatusCode);
        context.Response.Body.Position = 0;
        return (await JsonDocument.ParseAsync(context.Response.Body)).RootElement.Clone();
    }

    /// <summary>Runs a result the way Kestrel or the Functions host would, into an in-memory response.</summary>
    public static async Task<DefaultHttpContext> Execute(IResult result)
    {
        var context = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddLogging().AddSingleton(NullLoggerFactory.Instance).BuildServiceProvider(),
        };
        context.Response.Body = new MemoryStream();
        await result.ExecuteAsync(context);
        return context;
    }
}
