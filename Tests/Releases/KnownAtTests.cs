using System.Text.Json;
using Azure.Data.Tables;
using CodeUpdates.Ingestion.Answers;
using CodeUpdates.Ingestion.Lookup;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Ingestion.Search;
using CodeUpdates.Ingestion.Storage;
using CodeUpdates.Ingestion.Versions;
using CodeUpdates.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CodeUpdates.Tests.Releases;

/// <summary>
/// "As known at" over the real CMS 2017, 2018 and 2019 files and a correction of 2018 made from the real file, in Azurite:
/// at instants between the publishes, every answer equals the one computed from the releases published by then alone
/// (the timeline rule over their snapshots, with no storage and no stamps), and a publish killed half-way shows nothing.
/// </summary>
[Trait(TestScope.Trait, TestScope.Integration)]
public sealed class KnownAtTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Original2018 = "hcpcs/" + "HCPC2018_CONTR_ANWEB_disc.txt";
    private const string Corrected2018 = "hcpcs/2018-01-01/corrected.txt";
    private static readonly string[] ServiceDates = ["2017-06-01", "2018-06-01", "2019-06-01"];
    private static readonly CorrectedCms2018 Correction = CorrectedCms2018.Make();

    [Fact]
    public async Task Answers_at_instants_between_publishes_are_those_of_the_releases_published_by_then()
    {
        await using var host = await IngestionHost.StartAsync(azurite);
        var lookup = host.Get<CodeLookup>();
        var beforeAny = DateTimeOffset.UtcNow;
        await Drop(host, "hcpcs/" + Path.GetFileName(CmsFiles.Txt2017), CmsFiles.Read(CmsFiles.Txt2017));
        var after2017 = DateTimeOffset.UtcNow;
        await Drop(host, Original2018, CmsFiles.Read(CmsFiles.Txt2018));
        var after2018 = DateTimeOffset.UtcNow;
        await Drop(host, Corrected2018, Correction.Content);
        var afterCorrection = DateTimeOffset.UtcNow;
        await Drop(host, "hcpcs/" + Path.GetFileName(CmsFiles.Txt2019), CmsFiles.Read(CmsFiles.Txt2019));
        var after2019 = DateTimeOffset.UtcNow;

        // Nothing was known before the first publish.
        var none = await lookup.AnswerAsync("hcpcs", Correction.Revised[0], "2018-06-01", beforeAny.ToString("O"), CancellationToken.None);
        Assert.Equal(RefusalKind.NotFound, none.Refusal?.Kind);
        Assert.Contains("no hcpcs release was published by then", none.Refusal!.Detail, StringComparison.Ordinal);
        Assert.Equal(RefusalKind.NotFound, (await lookup.HistoryAsync("hcpcs", Correction.Revised[0], beforeAny.ToString("O"), "superseded", CancellationToken.None)).Refusal?.Kind);

        var states = new (DateTimeOffset At, ReleaseStatements Expected)[]
        {
            (after2017, Statements(CmsFiles.Txt2017)),
            (after2018, Statements(CmsFiles.Txt2017, CmsFiles.Txt2018)),
            (afterCorrection, Statements(CmsFiles.Txt2017, null)),
            (after2019, Statements(CmsFiles.Txt2017, null, CmsFiles.Txt2019)),
        };
        foreach (var (at, expected) in states)
        {
            await AssertKnownAsync(host, at, expected);
        }

        // The present (in memory) is the last state.
        foreach (var code in Sample(states[^1].Expected))
        {
            var present = await lookup.AnswerAsync("hcpcs", code, "2018-06-01", CancellationToken.None);
            var known = await lookup.AnswerAsync("hcpcs", code, "2018-06-01", after2019.ToString("O"), CancellationToken.None);
            Assert.Equal(Json(present.Value), Json(known.Value! with { KnownAt = null, KnownAsOf = null }));
        }

        // The original 2018 release keeps its record: published between the 2017 and 2018 drops, superseded by the correction.
        var records = await host.Get<ReleaseStore>().ListAsync(CodeSystem.Hcpcs, CancellationToken.None);
        var original = Assert.Single(records, r => r.Source == Original2018);
        var correction = Assert.Single(records, r => r.Source == Corrected2018);
        Assert.Equal((ReleaseStatus.Superseded, Corrected2018), (original.Status, original.SupersededBy));
        Assert.Equal(ReleaseStatus.Published, correction.Status);
        Assert.InRange(original.PublishedAt!.Value, after2017, after2018);
        Assert.InRange(original.SupersededAt!.Value, after2018, afterCorrection);
        Assert.Equal(correction.PublishedAt, original.SupersededAt);
        var listed = (await host.Get<ReleaseCatalog>().ListAsync("hcpcs", CancellationToken.None)).Value!;
        Assert.Contains(listed.Releases, r => r.Source == Original2018 && r.Status == ReleaseStatus.Superseded && r.SupersededAt == original.SupersededAt);
        Assert.Contains(listed.Releases, r => r.Source == Corrected2018 && r.Status == ReleaseStatus.Published);
        Assert.Contains("\"supersededAt\":", JsonSerializer.Serialize(listed, WebJson.Options), StringComparison.Ordinal);

        // The history as of now lists the texts the correction replaced, with when they were known and what closed them.
        var originalTexts = Statements(CmsFiles.Txt2017, CmsFiles.Txt2018);
        foreach (var code in Correction.Revised.Take(5))
        {
            var history = (await lookup.HistoryAsync("hcpcs", code, null, "superseded", CancellationToken.None)).Value!;
            Assert.Equal(Json(CodeHistory.From(states[^1].Expected.Versions(code))), Json(history with { Superseded = null }));
            // The versions held before the correction that it changed (text, or the day a text ends).
            var corrected = Statements(CmsFiles.Txt2017, null).Versions(code);
            var replaced = originalTexts.Versions(code)
                .Where(v => !corrected.Any(c => c.Start == v.Start && c.End == v.End && c.Descriptors[DescriptorKind.Long] == v.Descriptors[DescriptorKind.Long]))
                .ToArray();
            Assert.NotEmpty(replaced);
            foreach (var version in replaced)
            {
                var closed = Assert.Single(history.Superseded!, s => s.Start == version.Start && s.ClosedBy.Source == Corrected2018);
                Assert.Equal(version.Descriptors[DescriptorKind.Long], closed.LongDescription);
                Assert.Equal(correction.PublishedAt, closed.KnownTo);
                Assert.InRange(closed.KnownFrom, DateTimeOffset.MinValue, original.PublishedAt!.Value);
                Assert.Equal(new ClosingRelease(new DateOnly(2018, 1, 1), Corrected2018), closed.ClosedBy);
            }

            // Known at an instant before the correction, nothing the correction closed is superseded yet.
            var then = (await lookup.HistoryAsync("hcpcs", code, after2018.ToString("O"), "superseded", CancellationToken.None)).Value!;
            Assert.DoesNotContain(then.Superseded!, s => s.KnownTo > after2018);
            Assert.Equal(after2018, then.KnownAt);
            Assert.Equal(original.PublishedAt, then.KnownAsOf);
        }

        // The deleted code was known from the 2018 publish until the correction's.
        var deleted = (await lookup.HistoryAsync("hcpcs", Correction.Deleted, after2018.ToString("O"), null, CancellationToken.None)).Value!;
        Assert.Equal(Json(CodeHistory.From(originalTexts.Versions(Correction.Deleted))), Json(deleted with { KnownAt = null, KnownAsOf = null }));

        // Search and the whole-system reader answer from the same state.
        await AssertSearchAsync(host, after2018, afterCorrection);
    }

    [Fact]
    public async Task A_publish_killed_half_way_then_retried_shows_nothing_of_the_killed_attempt()
    {
        VersionWriteKillSwitch? kill = null;
        await using var host = await IngestionHost.StartAsync(azurite, services => services.AddSingleton(sp =>
            new VersionStore(kill = new VersionWriteKillSwitch(sp.GetRequiredService<TableServiceClient>()))));
        await Drop(host, "hcpcs/" + Path.GetFileName(CmsFiles.Txt2017), CmsFiles.Read(CmsFiles.Txt2017));
        await Drop(host, Original2018, CmsFiles.Read(CmsFiles.Txt2018));
        var before = DateTimeOffset.UtcNow;
        var prior = Statements(CmsFiles.Txt2017, CmsFiles.Txt2018);

        await host.UploadAsync(Corrected2018, Correction.Content);
        kill!.Arm(allowedBatches: 3);
        await Assert.ThrowsAnyAsync<Exception>(() => host.Ingest.HandleAsync(new IngestReleaseCommand(Corrected2018), CancellationToken.None));
        var duringFailedAttempt = DateTimeOffset.UtcNow;

        // The attempt did write part of its rows: its stamp is on present rows and on closed copies, but not on all it would write.
        var processing = Assert.Single(
            await host.Get<ReleaseStore>().ListAsync(CodeSystem.Hcpcs, CancellationToken.None),
            r => r.Effective == new DateOnly(2018, 1, 1) && r.Status == ReleaseStatus.Processing);
        var stamp = processing.KnowledgeStamp!.Value;
        var written = await CountAsync(host, StorageNames.VersionsTable, $"KnownFrom eq datetime'{stamp.UtcDateTime:O}'");
        var closed = await CountAsync(host, StorageNames.ClosedVersionsTable, $"KnownTo eq datetime'{stamp.UtcDateTime:O}'");
        Assert.InRange(written, 1, 3 * 100);
        Assert.True(closed > written, $"{closed} rows closed, {written} written: the kill left the correction half-applied");

        await AssertKnownAsync(host, duringFailedAttempt, prior);
        await AssertKnownAsync(host, before, prior);

        kill.AllowedBatches = null;
        Assert.Equal(IngestOutcome.Published, (await host.Ingest.HandleAsync(new IngestReleaseCommand(Corrected2018), CancellationToken.None)).Outcome);
        var afterRetry = DateTimeOffset.UtcNow;

        var published = Assert.Single(
            await host.Get<ReleaseStore>().ListAsync(CodeSystem.Hcpcs, CancellationToken.None),
            r => r.Effective == new DateOnly(2018, 1, 1) && r.Status == ReleaseStatus.Published);
        Assert.Equal(stamp, published.KnowledgeStamp);
        await AssertKnownAsync(host, afterRetry, Statements(CmsFiles.Txt2017, null));
        await AssertKnownAsync(host, duringFailedAttempt, prior);
    }

    [Fact]
    public async Task Rows_held_in_memory_answer_every_state_up_to_their_read_even_one_read_half_way_through_a_write()
    {
        VersionWriteKillSwitch? kill = null;
        await using var host = await IngestionHost.StartAsync(azurite, services => services.AddSingleton(sp =>
            new VersionStore(kill = new VersionWriteKillSwitch(sp.GetRequiredService<TableServiceClient>()))));
        var known = host.Get<KnownVersions>();
        await Drop(host, "hcpcs/" + Path.GetFileName(CmsFiles.Txt2017), CmsFiles.Read(CmsFiles.Txt2017));
        var after2017 = DateTimeOffset.UtcNow;
        await Drop(host, Original2018, CmsFiles.Read(CmsFiles.Txt2018));
        var after2018 = DateTimeOffset.UtcNow;

        // The rows are read while a correction is half written: present rows of a stamp never published, closed copies.
        await host.UploadAsync(Corrected2018, Correction.Content);
        kill!.Arm(allowedBatches: 3);
        await Assert.ThrowsAnyAsync<Exception>(() => host.Ingest.HandleAsync(new IngestReleaseCommand(Corrected2018), CancellationToken.None));
        var original = Assert.Single(await host.Get<ReleaseStore>().ListAsync(CodeSystem.Hcpcs, CancellationToken.None), r => r.Source == Original2018);
        Assert.Equal(original.KnowledgeStamp, await known.HoldRowsAsync(CodeSystem.Hcpcs, CancellationToken.None));

        // Every state up to the rows' read is answered exactly, and from memory: no version table is read.
        host.Faults.Reset();
        await AssertKnownAsync(host, after2017, Statements(CmsFiles.Txt2017));
        await AssertKnownAsync(host, DateTimeOffset.UtcNow, Statements(CmsFiles.Txt2017, CmsFiles.Txt2018));
        Assert.DoesNotContain(host.Faults.TableReads, ReadsVersions);

        // A state published after the read is not in them: it is answered from storage, exactly, and read in again.
        kill.AllowedBatches = null;
        Assert.Equal(IngestOutcome.Published, (await host.Ingest.HandleAsync(new IngestReleaseCommand(Corrected2018), CancellationToken.None)).Outcome);
        var afterCorrection = DateTimeOffset.UtcNow;
        host.Faults.Reset();
        await AssertKnownAsync(host, afterCorrection, Statements(CmsFiles.Txt2017, null));
        Assert.Contains(host.Faults.TableReads, ReadsVersions);
        var correction = Assert.Single(
            await host.Get<ReleaseStore>().ListAsync(CodeSystem.Hcpcs, CancellationToken.None), r => r.Source == Corrected2018);
        Assert.Equal(correction.KnowledgeStamp, await known.HoldRowsAsync(CodeSystem.Hcpcs, CancellationToken.None));
        host.Faults.Reset();
        await AssertKnownAsync(host, after2018, Statements(CmsFiles.Txt2017, CmsFiles.Txt2018));
        await AssertKnownAsync(host, afterCorrection, Statements(CmsFiles.Txt2017, null));
        Assert.DoesNotContain(host.Faults.TableReads, ReadsVersions);
    }

    [Fact]
    public async Task A_bad_instant_is_refused_naming_it_and_the_form_expected_and_changes_nothing()
    {
        await using var host = await IngestionHost.StartAsync(azurite);
        await Drop(host, "hcpcs/excerpt-2018.txt", CmsFiles.Excerpt(CmsFiles.Txt2018, 30));
        var state = await host.DumpStateAsync();
        var lookup = host.Get<CodeLookup>();
        var finder = host.Get<CodeFinder>();

        foreach (var bad in KnownAtExpectations.BadInstants)
        {
            var refusals = new[]
            {
                (await lookup.AnswerAsync("hcpcs", "A0021", null, bad, CancellationToken.None)).Refusal,
                (await lookup.HistoryAsync("hcpcs", "A0021", bad, "superseded", CancellationToken.None)).Refusal,
                (await lookup.LookupAsync(new LookupRequest([new LookupItem("hcpcs", "A0021", null)]) { KnownAt = bad }, CancellationToken.None)).Refusal,
                (await finder.SearchAsync("hcpcs", "ambulance", null, null, null, null, bad, CancellationToken.None)).Refusal,
            };
            foreach (var refusal in refusals)
            {
                Assert.Equal(RefusalKind.Invalid, refusal?.Kind);
                Assert.Contains($"knownAt '{bad}' is not an instant", refusal!.Detail, StringComparison.Ordinal);
                Assert.Contains("ISO 8601", refusal.Detail, StringComparison.Ordinal);
            }
        }

        Assert.Equal(RefusalKind.Invalid, (await lookup.HistoryAsync("hcpcs", "A0021", null, "everything", CancellationToken.None)).Refusal?.Kind);
        Assert.Equal(state, await host.DumpStateAsync());
    }

    /// <summary>Every sampled code, on each service date, single and in one batch, known at <paramref name="at"/>, is what <paramref name="expected"/> gives.</summary>
    private static async Task AssertKnownAsync(IngestionHost host, DateTimeOffset at, ReleaseStatements expected)
    {
        var lookup = host.Get<CodeLookup>();
        var codes = expected.Codes.ToHashSet(StringComparer.Ordinal);
        var sample = Sample(expected);
        var items = new List<LookupItem?>();
        var singles = new List<string>();
        foreach (var code in sample)
        {
            foreach (var date in ServiceDates)
            {
                var answer = await lookup.AnswerAsync("hcpcs", code, date, at.ToString("O"), CancellationToken.None);
                if (codes.Contains(code))
                {
                    Assert.True(answer.Found, $"{code} known at {at:O}: {answer.Refusal?.Detail}");
                    Assert.Equal(at, answer.Value.KnownAt);
                    var body = answer.Value with { KnownAt = null, KnownAsOf = null };
                    Assert.Equal(Json(CodeAnswer.From(expected.Versions(code), IsoDate.ParseOrNull(date)!.Value)), Json(body));
                    singles.Add(Json(body));
                }
                else
                {
                    Assert.Equal(RefusalKind.NotFound, answer.Refusal?.Kind);
                    singles.Add("not found");
                }

                items.Add(new LookupItem("hcpcs", code, date));
            }
        }

        var batch = (await lookup.LookupAsync(new LookupRequest(items) { KnownAt = at.ToString("O") }, CancellationToken.None)).Value!;
        Assert.Equal(at, batch.KnownAt);
        Assert.Equal(singles, batch.Results.Select(r => r is CodeAnswer a ? Json(a with { KnownAt = null, KnownAsOf = null }) : "not found"));

        var system = await host.Get<KnownVersions>().SystemAtAsync(CodeSystem.Hcpcs, at, CancellationToken.None);
        Assert.Equal(expected.Codes, system!.Versions.Ordered.Select(v => v[0].Code));
    }

    private static async Task AssertSearchAsync(IngestionHost host, DateTimeOffset beforeCorrection, DateTimeOffset afterCorrection)
    {
        var finder = host.Get<CodeFinder>();
        var before = (await finder.SearchAsync("hcpcs", "corrected", "2018-06-01", "any", null, "1000", beforeCorrection.ToString("O"), CancellationToken.None)).Value!;
        var after = (await finder.SearchAsync("hcpcs", "corrected", "2018-06-01", "any", null, "1000", afterCorrection.ToString("O"), CancellationToken.None)).Value!;
        Assert.DoesNotContain(before.Items, i => Correction.Revised.Contains(i.Code));
        Assert.Subset(after.Items.Select(i => i.Code).ToHashSet(), Correction.Revised.ToHashSet());
        Assert.Equal((afterCorrection, (DateTimeOffset?)afterCorrection), (after.KnownAt!.Value, after.Items[0].KnownAt));
    }

    /// <summary>The codes the correction touched and every 40th other code.</summary>
    private static IReadOnlyList<string> Sample(ReleaseStatements expected) =>
        Correction.Revised.Concat([Correction.Deleted, Correction.Added])
            .Concat(expected.Codes.Where((_, i) => i % 40 == 0))
            .Distinct(StringComparer.Ordinal)
            .ToArray();

    /// <summary>The versions of the given CMS files (null: the correction of 2018) from their snapshots alone.</summary>
    private static ReleaseStatements Statements(params string?[] files) =>
        KnownAtExpectations.Timeline(files.Select(file => file is null
            ? ReleaseReader.Read(new ReleaseFile(Corrected2018, Correction.Content))
            : ReleaseReader.Read(new ReleaseFile("hcpcs/" + Path.GetFileName(file), CmsFiles.Read(file)))));

    private static bool ReadsVersions(string tableRead) =>
        tableRead.Contains($"/{StorageNames.VersionsTable}(", StringComparison.Ordinal)
        || tableRead.Contains($"/{StorageNames.ClosedVersionsTable}(", StringComparison.Ordinal);

    private static async Task Drop(IngestionHost host, string name, byte[] content) =>
        Assert.Equal(IngestOutcome.Published, (await host.DropAsync(name, content)).Outcome);

    private static async Task<int> CountAsync(IngestionHost host, string table, string filter)
    {
        var count = 0;
        await foreach (var _ in host.Tables.GetTableClient(table).QueryAsync<TableEntity>(filter, select: ["RowKey"]))
        {
            count++;
        }

        return count;
    }

    /// <summary>Descriptors in name order: storage keeps them sorted, the statements in the file's order; the content is what is compared.</summary>
    private static string Json(CodeAnswer? answer) =>
        JsonSerializer.Serialize(answer! with { Descriptors = Sorted(answer.Descriptors) }, WebJson.Options);

    private static string Json(CodeHistory history) =>
        JsonSerializer.Serialize(
            history with { Versions = history.Versions.Select(v => v with { Descriptors = Sorted(v.Descriptors), Changes = [.. v.Changes.OrderBy(c => c.Descriptor, StringComparer.Ordinal)] }).ToArray() },
            WebJson.Options);

    private static SortedDictionary<string, string> Sorted(IReadOnlyDictionary<string, string> descriptors) =>
        new(descriptors.ToDictionary(), StringComparer.Ordinal);
}
