using CodeUpdates.Ingestion.Answers;
using CodeUpdates.Ingestion.Lookup;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Ingestion.Reports;
using CodeUpdates.Ingestion.Storage;
using CodeUpdates.Tests.Support;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace CodeUpdates.Tests.Releases;

/// <summary>Ingestion of the real CMS files into a real Azurite: order independence, idempotency, replacement, crash safety, bad input.</summary>
[Trait(TestScope.Trait, TestScope.Integration)]
public sealed class IngestionTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Loading_2019_2017_2018_gives_the_same_tables_as_2017_2018_2019()
    {
        await using var host = await IngestionHost.StartAsync(azurite);
        foreach (var file in new[] { CmsFiles.Txt2017, CmsFiles.Txt2018, CmsFiles.Txt2019 })
        {
            Assert.Equal(IngestOutcome.Published, (await host.DropAsync("hcpcs/" + Path.GetFileName(file), CmsFiles.Read(file))).Outcome);
        }

        var inOrder = await host.DumpStateAsync();

        await host.ResetStorageAsync();
        foreach (var file in new[] { CmsFiles.Txt2019, CmsFiles.Txt2017, CmsFiles.Txt2018 })
        {
            Assert.Equal(IngestOutcome.Published, (await host.DropAsync("hcpcs/" + Path.GetFileName(file), CmsFiles.Read(file))).Outcome);
        }

        var outOfOrder = await host.DumpStateAsync();
        Assert.Equal(inOrder, outOfOrder);
        Assert.Contains(inOrder, l => l.StartsWith("release hcpcs 2019-01-01 published", StringComparison.Ordinal) && l.Contains(" 2018-01-01 228 52 122 0 52 0", StringComparison.Ordinal));
        Assert.Contains(inOrder, l => l.StartsWith("release hcpcs 2018-01-01 published", StringComparison.Ordinal) && l.EndsWith(" 107 ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_same_bytes_again_write_no_version_rows_and_keep_one_release_record()
    {
        await using var host = await IngestionHost.StartAsync(azurite);
        await host.DropAsync("hcpcs/HCPC2018_CONTR_ANWEB_disc.txt", CmsFiles.Read(CmsFiles.Txt2018));
        var first = await host.DropAsync("hcpcs/HCPC2019_CONTR_ANWEB.txt", CmsFiles.Read(CmsFiles.Txt2019));
        Assert.True(first.VersionRowsWritten > 0);
        var before = await host.DumpStateAsync();

        host.Faults.Reset();
        var again = await host.DropAsync("hcpcs/copy-of/HCPC2019_CONTR_ANWEB.txt", CmsFiles.Read(CmsFiles.Txt2019));

        Assert.Equal(IngestOutcome.Unchanged, again.Outcome);
        Assert.Equal(0, again.VersionRowsWritten);
        Assert.Equal(0, host.Faults.TableWrites);
        Assert.Equal(before, await host.DumpStateAsync());
        var releases = await host.Get<ReleaseStore>().ListAsync(CodeSystem.Hcpcs, CancellationToken.None);
        Assert.Single(releases, r => r.Effective == new DateOnly(2019, 1, 1));
    }

    [Fact]
    public async Task A_different_file_for_a_loaded_date_replaces_it_and_recomputes()
    {
        await using var host = await IngestionHost.StartAsync(azurite);
        await host.DropAsync("hcpcs/HCPC2018_CONTR_ANWEB_disc.txt", CmsFiles.Read(CmsFiles.Txt2018));
        await host.DropAsync("hcpcs/HCPC2019_CONTR_ANWEB.xlsx", CmsFiles.Read(CmsFiles.Xlsx2019));
        var xlsxOnly = await host.DumpStateAsync();

        await host.ResetStorageAsync();
        await host.DropAsync("hcpcs/HCPC2018_CONTR_ANWEB_disc.txt", CmsFiles.Read(CmsFiles.Txt2018));
        await host.DropAsync("hcpcs/HCPC2019_CONTR_ANWEB.txt", CmsFiles.Read(CmsFiles.Txt2019));
        var txt = await host.DumpStateAsync();
        var replaced = await host.DropAsync("hcpcs/HCPC2019_CONTR_ANWEB.xlsx", CmsFiles.Read(CmsFiles.Xlsx2019));

        Assert.Equal(IngestOutcome.Published, replaced.Outcome);
        Assert.True(replaced.VersionRowsWritten > 0, "CMS's .xlsx differs from the .txt in ACT EFF DT for 115 codes, which moves text start dates");
        Assert.NotEqual(txt, xlsxOnly);

        // The same state, but for the record that the .txt was superseded by the .xlsx.
        Assert.Equal(xlsxOnly, (await host.DumpStateAsync()).Where(l => !l.Contains(" superseded ", StringComparison.Ordinal) && !IngestionHost.IsKeptCopy(l)));
        var releases = await host.Get<ReleaseStore>().ListAsync(CodeSystem.Hcpcs, CancellationToken.None);
        Assert.Equal(ReleaseIdentityResolver.Sha256(CmsFiles.Read(CmsFiles.Xlsx2019)), Assert.Single(releases, r => r.Effective == new DateOnly(2019, 1, 1) && r.Status == ReleaseStatus.Published).Sha256);
        var superseded = Assert.Single(releases, r => r.Status == ReleaseStatus.Superseded);
        Assert.Equal(("hcpcs/HCPC2019_CONTR_ANWEB.txt", "hcpcs/HCPC2019_CONTR_ANWEB.xlsx"), (superseded.Source, superseded.SupersededBy));
    }

    [Fact]
    public async Task A_run_failing_at_any_write_ends_after_its_retry_in_the_state_of_a_clean_run()
    {
        await using var host = await IngestionHost.StartAsync(azurite);
        var prior = CmsFiles.Excerpt(CmsFiles.Txt2018, 420);
        var current = CmsFiles.Excerpt(CmsFiles.Txt2019, 420);

        await host.DropAsync("hcpcs/2018-01-01/excerpt.txt", prior);
        await host.UploadAsync("hcpcs/2019-01-01/excerpt.txt", current);
        host.Faults.Reset();
        await host.Ingest.HandleAsync(new IngestReleaseCommand("hcpcs/2019-01-01/excerpt.txt"), CancellationToken.None);
        var writesInCleanRun = host.Faults.Writes;
        var clean = await host.DumpStateAsync();
        var cleanMessages = await ReportRequestsAsync(host);
        Assert.True(writesInCleanRun >= 6, $"a clean run made {writesInCleanRun} writes");

        for (var failAt = 1; failAt <= writesInCleanRun; failAt++)
        {
            await host.ResetStorageAsync();
            await host.DropAsync("hcpcs/2018-01-01/excerpt.txt", prior);
            await host.UploadAsync("hcpcs/2019-01-01/excerpt.txt", current);

            // This instance's lookup cache holds 2018 when the run starts, as a serving instance's does.
            var cache = host.Get<VersionCache>();
            await cache.GetAsync(CancellationToken.None);
            host.Faults.Reset(failAtWrite: failAt);
            Exception? fault = null;
            try
            {
                await host.Ingest.HandleAsync(new IngestReleaseCommand("hcpcs/2019-01-01/excerpt.txt"), CancellationToken.None);
            }
            catch (IOException ex)
            {
                fault = ex;
            }

            var release = await host.Get<ReleaseStore>().GetAsync(CodeSystem.Hcpcs, new DateOnly(2019, 1, 1), CancellationToken.None);
            var published = release?.Status == ReleaseStatus.Published;
            if (fault is null)
            {
                // Only the lease release comes after the last state write, and a lease that cannot be released simply expires.
                Assert.True(published && !release!.ReportPending && release.ReportQueuedAt is not null, $"after a clean run: {release}");
            }
            else if (published)
            {
                // The run died after the record said published, while queueing its report: the record says the report is pending.
                Assert.True(release!.ReportPending, $"fault at write {failAt} left {release}");
            }
            else
            {
                // A report is only ever asked for once the release is published: the mailer never sees a request it cannot serve.
                Assert.DoesNotContain(await ReportRequestsAsync(host), m => m.Contains("\"2019-01-01\"", StringComparison.Ordinal));
            }

            host.Faults.Reset();
            if (fault is not null && published)
            {
                // The sweep finds the pending report and queues it (through the ingest, which finds the release unchanged).
                Assert.Equal(new ReleaseSweepResult(0, 1, 0), await Sweep(host).RunAsync(CancellationToken.None));
            }
            else
            {
                var retry = await host.Ingest.HandleAsync(new IngestReleaseCommand("hcpcs/2019-01-01/excerpt.txt"), CancellationToken.None);
                Assert.Equal(published ? IngestOutcome.Unchanged : IngestOutcome.Published, retry.Outcome);
            }

            var after = await host.Get<ReleaseStore>().GetAsync(CodeSystem.Hcpcs, new DateOnly(2019, 1, 1), CancellationToken.None);
            Assert.True(after is { Status: ReleaseStatus.Published, ReportPending: false, ReportQueuedAt: not null }, $"after the retry of a fault at write {failAt}: {after}");
            Assert.Equal(clean, await host.DumpStateAsync());
            Assert.Equal(await HeldVersions.FreshlyLoadedAsync(host, CodeSystem.Hcpcs), await HeldVersions.OfAsync(cache, CodeSystem.Hcpcs));
            // A retry may ask for the same report twice; the mailer sends each report once. It never asks for another.
            Assert.Equal(cleanMessages.Distinct().Order(), (await ReportRequestsAsync(host)).Distinct().Order());
        }
    }

    public static TheoryData<string, byte[], string> BadFiles => new()
    {
        { "hcpcs/2025-01-01/empty.txt", [], "empty" },
        { "hcpcs/2025-01-01/HCPC2025_JAN_ANWEB.xlsx", "this is not a workbook"u8.ToArray(), "spreadsheet" },
        { "cpt/2025/LONGULT.txt", "Invented header line\r\n99213\tOffice visit, invented\r\n99213\tOffice visit, invented again\r\n"u8.ToArray(), "99213" },
        { "hcpcs/no-date/anweb.txt", CmsFiles.Excerpt(CmsFiles.Txt2019, 5), "effective date" },
        { "cpt/2025/codes.csv", "Description,Notes\r\nsomething,else\r\n"u8.ToArray(), "code" },
        { "hcpcs/2025-01-01/bad-date.txt", BadAddDate(), "ADD DT" },

        // Over Table Storage's 32K characters a property: rejected at read time, never a wedged release.
        { "cpt/2025/LONGULT.txt", System.Text.Encoding.ASCII.GetBytes("Invented header line\r\n99213\tOffice visit, invented\r\n99214\t" + new string('x', 40_000) + "\r\n"), "code 99214" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_bad_file_is_rejected_with_its_reason_and_quarantined_while_the_good_release_keeps_answering(string blobName, byte[] content, string reasonMentions)
    {
        await using var host = await IngestionHost.StartAsync(azurite);
        await host.DropAsync("hcpcs/2019-01-01/excerpt.txt", CmsFiles.Excerpt(CmsFiles.Txt2019, 50));
        var before = (await host.DumpStateAsync()).Where(l => l.StartsWith("version", StringComparison.Ordinal)).ToArray();

        var result = await host.DropAsync(blobName, content);

        Assert.Equal(IngestOutcome.Rejected, result.Outcome);
        Assert.Equal(ReleaseStatus.Rejected, result.Release!.Status);
        Assert.Contains(reasonMentions, result.Release.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", result.Release.Reason, StringComparison.Ordinal);
        Assert.Equal(before, (await host.DumpStateAsync()).Where(l => l.StartsWith("version", StringComparison.Ordinal)).ToArray());

        var quarantined = host.Blobs.GetBlobContainerClient(StorageNames.QuarantineContainer).GetBlobClient(blobName);
        Assert.True(await quarantined.ExistsAsync());
        Assert.Equal(content, (await quarantined.DownloadContentAsync()).Value.Content.ToArray());
        var properties = await quarantined.GetPropertiesAsync();
        Assert.Contains(reasonMentions, properties.Value.Metadata["reason"], StringComparison.OrdinalIgnoreCase);
        Assert.False(await host.Blobs.GetBlobContainerClient(StorageNames.ReleasesContainer).GetBlobClient(blobName).ExistsAsync());

        var listed = await host.Get<ReleaseStore>().ListAsync(null, CancellationToken.None);
        Assert.Contains(listed, r => r.Status == ReleaseStatus.Rejected && r.Source == blobName);
        Assert.Contains(listed, r => r.Status == ReleaseStatus.Published && r.Effective == new DateOnly(2019, 1, 1));

        // The same bad file dropped again is still one rejected record.
        await host.DropAsync(blobName, content);
        Assert.Single(await host.Get<ReleaseStore>().ListAsync(null, CancellationToken.None), r => r.Status == ReleaseStatus.Rejected);
    }

    [Fact]
    public async Task Two_releases_of_one_system_arriving_at_once_are_applied_one_after_the_other()
    {
        await using var host = await IngestionHost.StartAsync(azurite);
        await host.UploadAsync("hcpcs/HCPC2018_CONTR_ANWEB_disc.txt", CmsFiles.Read(CmsFiles.Txt2018));
        await host.UploadAsync("hcpcs/HCPC2019_CONTR_ANWEB.txt", CmsFiles.Read(CmsFiles.Txt2019));
        var results = await Task.WhenAll(
            Task.Run(() => host.Ingest.HandleAsync(new IngestReleaseCommand("hcpcs/HCPC2018_CONTR_ANWEB_disc.txt"), CancellationToken.None)),
            Task.Run(() => host.Ingest.HandleAsync(new IngestReleaseCommand("hcpcs/HCPC2019_CONTR_ANWEB.txt"), CancellationToken.None)));
        Assert.All(results, r => Assert.Equal(IngestOutcome.Published, r.Outcome));
        var together = await host.DumpStateAsync();

        await host.ResetStorageAsync();
        await host.DropAsync("hcpcs/HCPC2018_CONTR_ANWEB_disc.txt", CmsFiles.Read(CmsFiles.Txt2018));
        await host.DropAsync("hcpcs/HCPC2019_CONTR_ANWEB.txt", CmsFiles.Read(CmsFiles.Txt2019));
        Assert.Equal(await host.DumpStateAsync(), together);
    }

    [Fact]
    public async Task A_release_published_with_control_characters_removed_says_so_in_its_record_and_the_release_list()
    {
        await using var host = await IngestionHost.StartAsync(azurite);
        var text = System.Text.Encoding.Latin1.GetString(CmsFiles.Excerpt(CmsFiles.Txt2019, 20));

        // A BEL inside the first long description and an ESC inside the third line's: fixed width kept, two fields changed.
        var lines = text.Split("\r\n");
        lines[0] = lines[0][..20] + "\u0007" + lines[0][21..];
        lines[2] = lines[2][..20] + "\u001B" + lines[2][21..];
        var result = await host.DropAsync("hcpcs/2019-01-01/excerpt.txt", System.Text.Encoding.Latin1.GetBytes(string.Join("\r\n", lines)));

        Assert.Equal(IngestOutcome.Published, result.Outcome);
        var expected = $"2 fields had control characters removed (first: {lines[0][..5].Trim()})";
        var list = await host.Get<ReleaseCatalog>().ListAsync(null, CancellationToken.None);
        var json = System.Text.Json.JsonSerializer.Serialize(list.Value, WebJson.Options);
        Assert.Contains($"\"notes\":\"{expected}\"", json, StringComparison.Ordinal);

        // A clean release says nothing.
        await host.DropAsync("hcpcs/2018-01-01/excerpt.txt", CmsFiles.Excerpt(CmsFiles.Txt2018, 20));
        var records = await host.Get<ReleaseStore>().ListAsync(CodeSystem.Hcpcs, CancellationToken.None);
        Assert.Null(Assert.Single(records, r => r.Effective == new DateOnly(2018, 1, 1)).Notes);
        Assert.Equal(expected, Assert.Single(records, r => r.Effective == new DateOnly(2019, 1, 1)).Notes);
    }

    [Fact]
    public async Task A_system_s_first_release_is_an_initial_load_of_its_codes_in_the_release_list_its_changes_and_its_mail()
    {
        await using var host = await IngestionHost.StartAsync(azurite);
        var first = await host.DropAsync("hcpcs/2018-01-01/excerpt.txt", CmsFiles.Excerpt(CmsFiles.Txt2018, 60));
        var codes = first.Release!.Codes!.Value;

        // The release list: no change counted, every code it brought.
        Assert.Equal(new ReleaseCounts(0, 0, 0, 0, 0, 0, codes, InitialLoad: true), first.Release.Counts);
        var list = await host.Get<ReleaseCatalog>().ListAsync("hcpcs", CancellationToken.None);
        var json = System.Text.Json.JsonSerializer.Serialize(list.Value, WebJson.Options);
        Assert.Contains($"\"total\":{codes},\"initialLoad\":true", json, StringComparison.Ordinal);

        // Its changes (page and export) and its mail say the same.
        var changes = (await host.Get<IReleaseChangesSource>().GetPublishedChangesAsync(CodeSystem.Hcpcs, new DateOnly(2018, 1, 1), CancellationToken.None))!.Diff;
        var document = ChangeReportDocument.From(changes);
        Assert.Equal((true, 0, 0, codes), (document.InitialLoad, document.Changes.Count, document.Summary.Total, document.Current.Codes));
        Assert.Equal($"HCPCS 2018-01-01: initial load, {codes} codes", ChangeReportSubject.For(changes));

        // The next release counts its changes against it.
        var second = await host.DropAsync("hcpcs/2019-01-01/excerpt.txt", CmsFiles.Excerpt(CmsFiles.Txt2019, 60));
        Assert.False(second.Release!.Counts!.InitialLoad);
        Assert.Equal(new DateOnly(2018, 1, 1), second.Release.Prior);
    }

    private static byte[] BadAddDate()
    {
        var text = System.Text.Encoding.Latin1.GetString(CmsFiles.Excerpt(CmsFiles.Txt2019, 3)).ToCharArray();

        // ADD DT is columns 269-276 of the first record: make it 2019-13-45.
        "20191345".CopyTo(0, text, 268, 8);
        return System.Text.Encoding.Latin1.GetBytes(text);
    }

    private static ReleaseSweep Sweep(IngestionHost host) =>
        new(host.Get<DroppedFiles>(), host.Get<ReleaseStore>(), host.Get<SystemLock>(), host.Get<IIngestRelease>(), TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<ReleaseSweep>.Instance)
        {
            TriggerGrace = TimeSpan.Zero,
        };

    private static async Task<IReadOnlyList<string>> ReportRequestsAsync(IngestionHost host)
    {
        var queue = host.Queues.GetQueueClient(StorageNames.ChangeReportsQueue);
        var peeked = await queue.PeekMessagesAsync(32);
        return peeked.Value.Select(m => ChangeReportRequest.FromJson(m.Body.ToString()).ToJson()).ToArray();
    }
}
