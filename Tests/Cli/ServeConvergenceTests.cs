using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Ingestion.Storage;
using CodeUpdates.Tests.Support;
using System.Text;
using Azure.Data.Tables;

namespace CodeUpdates.Tests.Cli;

/// <summary>
/// The real <c>codeupdates serve</c> process: killed with SIGKILL in the middle of a full HCPCS
/// year, and under a burst of drops that its container scan alone would partly miss.
/// </summary>
[Collection(ServeProcessCollection.Name)]
[Trait(TestScope.Trait, TestScope.Integration)]
public sealed class ServeConvergenceTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Year = "hcpcs/HCPC2019_CONTR_ANWEB.txt";

    [Fact]
    public async Task Killed_mid_ingest_and_restarted_it_publishes_within_two_minutes_with_the_tables_of_a_clean_run()
    {
        IReadOnlyList<string> clean;
        await using (var host = await IngestionHost.StartAsync(azurite))
        {
            await host.DropAsync(Year, CmsFiles.Read(CmsFiles.Txt2019));
            clean = await host.DumpStateAsync();
            await host.ResetStorageAsync();
        }

        var releases = new TableServiceClient(azurite.ConnectionString).GetTableClient(StorageNames.ReleasesTable);
        using (var first = await ServeProcess.StartAsync(azurite))
        {
            await ServeProcess.UploadAsync(azurite, Year, CmsFiles.Read(CmsFiles.Txt2019));

            // The middle of the ingest: its processing record is written and its version rows are going in.
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (await StatusAsync(releases) != ReleaseStatus.Processing.Name())
            {
                Assert.True(DateTime.UtcNow < deadline, "the ingest never started:\n" + first.Process.Output);
                await Task.Delay(20);
            }

            first.Process.KillHard();
        }

        Assert.Equal(ReleaseStatus.Processing.Name(), await StatusAsync(releases));
        using var restarted = await ServeProcess.StartAsync(azurite);
        var restartedAt = DateTime.UtcNow;
        var statuses = await restarted.WaitForReleasesAsync(s => s.GetValueOrDefault(Year) == ReleaseStatus.Published.Name(), TimeSpan.FromMinutes(2));
        var converged = DateTime.UtcNow - restartedAt;

        Assert.True(statuses.GetValueOrDefault(Year) == ReleaseStatus.Published.Name(), $"not published {converged.TotalSeconds:0} s after the restart:\n{restarted.Process.Output}");
        await using var check = await IngestionHost.AttachAsync(azurite);
        Assert.Equal(clean, await check.DumpStateAsync());
    }

    [Fact]
    public async Task Sixteen_files_dropped_in_a_burst_out_of_order_are_all_recorded_ten_times_in_a_row()
    {
        var files = BurstFiles();
        for (var round = 1; round <= 10; round++)
        {
            await using (var reset = await IngestionHost.StartAsync(azurite))
            {
                // Empty storage for each round: every file is new again.
            }

            using var serve = await ServeProcess.StartAsync(azurite, sweepInterval: TimeSpan.FromSeconds(2));
            var order = files.OrderBy(_ => Random.Shared.Next()).ToArray();
            await Task.WhenAll(order.Take(8).Select(f => ServeProcess.UploadAsync(azurite, f.Name, f.Content)));
            foreach (var (name, content, _) in order.Skip(8))
            {
                await Task.Delay(300);
                await ServeProcess.UploadAsync(azurite, name, content);
            }

            var expected = files.ToDictionary(f => f.Name, f => f.Status);
            var statuses = await serve.WaitForReleasesAsync(s => expected.All(e => s.GetValueOrDefault(e.Key) == e.Value), TimeSpan.FromSeconds(90));

            var missing = expected.Where(e => statuses.GetValueOrDefault(e.Key) != e.Value).Select(e => $"{e.Key}: {statuses.GetValueOrDefault(e.Key) ?? "no record"}");
            Assert.True(!missing.Any(), $"round {round}: {string.Join(", ", missing)}\n{serve.Process.Output}");
        }
    }

    /// <summary>Twelve small quarterly releases cut from the real 2019 file (each two codes longer than the one before) and four bad files.</summary>
    private static (string Name, byte[] Content, string Status)[] BurstFiles()
    {
        var quarters = Enumerable.Range(0, 12).Select(q =>
            ($"hcpcs/{new DateOnly(2019, 1, 1).AddMonths(3 * q):yyyy-MM-dd}/anweb.txt", CmsFiles.Excerpt(CmsFiles.Txt2019, 30 + 2 * q), ReleaseStatus.Published.Name()));
        var lines = Encoding.Latin1.GetString(CmsFiles.Excerpt(CmsFiles.Txt2019, 10));
        (string, byte[], string)[] bad =
        [
            ("hcpcs/2022-01-01/empty.txt", [], ReleaseStatus.Rejected.Name()),
            ("hcpcs/2022-04-01/truncated.zip", "PK\u0003\u0004 cut short"u8.ToArray(), ReleaseStatus.Rejected.Name()),
            ("hcpcs/2022-07-01/duplicates.txt", Encoding.Latin1.GetBytes(lines + lines), ReleaseStatus.Rejected.Name()),
            ("hcpcs/2022-10-01/HCPC2022_OCT_ANWEB.xlsx", "not a workbook"u8.ToArray(), ReleaseStatus.Rejected.Name()),
        ];
        return [.. quarters, .. bad];
    }

    private static async Task<string?> StatusAsync(TableClient releases)
    {
        var row = await releases.GetEntityIfExistsAsync<TableEntity>("hcpcs", "2019-01-01");
        return row.HasValue ? row.Value!.GetString("Status") : null;
    }
}
