using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Ingestion.Storage;
using CodeUpdates.Ingestion.Versions;
using CodeUpdates.Tests.Support;
using System.Globalization;
using System.Text;

namespace CodeUpdates.Tests.Releases;

/// <summary>
/// An ingest recomputes only the codes a release can change; what it stores must still be what the
/// full recompute over every loaded release gives, whatever order the files arrive in.
/// </summary>
[Trait(TestScope.Trait, TestScope.Integration)]
public sealed class HistoryIngestionTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateOnly First = new(2019, 1, 1);

    [Fact]
    public async Task Quarterly_releases_dropped_out_of_order_with_a_correction_store_the_versions_of_the_full_recompute()
    {
        var quarters = Quarters(120, count: 8, seed: 7);
        var corrected = Quarters(120, count: 8, seed: 8)[4];
        await using var host = await IngestionHost.StartAsync(azurite);

        // Quarter 4 arrives, later quarters and earlier ones around it, then its corrected file.
        foreach (var (index, content) in new[] { 5, 0, 4, 7, 2, 3 }.Select(q => (q, quarters[q])).Append((4, corrected)).Concat(new[] { 1, 6 }.Select(q => (q, quarters[q]))))
        {
            var result = await host.DropAsync(BlobName(index, content), content);
            Assert.Equal(IngestOutcome.Published, result.Outcome);
        }

        var final = quarters.Select((content, q) => q == 4 ? corrected : content).ToArray();
        await AssertStoredVersionsAreTheFullRecomputeAsync(host, final);
        var outOfOrder = await host.DumpStateAsync();

        await host.ResetStorageAsync();
        for (var q = 0; q < final.Length; q++)
        {
            await host.DropAsync(BlobName(q, final[q]), final[q]);
        }

        // The same files in date order give the same tables, release counts included; only the
        // out-of-order run has a record of the first quarter-4 file, superseded by its correction.
        Assert.Single(outOfOrder, l => l.Contains(" superseded ", StringComparison.Ordinal));
        Assert.Equal(
            (await host.DumpStateAsync()).Where(l => !IngestionHost.IsKeptCopy(l)),
            outOfOrder.Where(l => !l.Contains(" superseded ", StringComparison.Ordinal) && !IngestionHost.IsKeptCopy(l)));
    }

    [Fact]
    public async Task An_ingest_reads_the_snapshots_of_its_neighbours_only_however_many_releases_are_loaded()
    {
        var quarters = Quarters(40, count: 9, seed: 5);
        await using var host = await IngestionHost.StartAsync(azurite);
        foreach (var q in new[] { 0, 1, 2, 3, 5, 6, 7, 8 })
        {
            await host.DropAsync(BlobName(q, quarters[q]), quarters[q]);
        }

        host.Faults.Reset();
        Assert.Equal(IngestOutcome.Published, (await host.DropAsync(BlobName(4, quarters[4]), quarters[4])).Outcome);

        var snapshotsRead = host.Faults.Reads
            .Where(path => path.Contains($"/{StorageNames.SnapshotsContainer}/hcpcs/", StringComparison.Ordinal))
            .Select(path => path[(path.LastIndexOf('/') + 1)..])
            .Order(StringComparer.Ordinal);
        Assert.Equal(["2019-10-01.json.gz", "2020-04-01.json.gz"], snapshotsRead);
        await AssertStoredVersionsAreTheFullRecomputeAsync(host, quarters);
    }

    [Fact]
    public async Task Lost_release_statements_are_rebuilt_from_the_snapshots()
    {
        var quarters = Quarters(60, count: 4, seed: 3);
        await using var host = await IngestionHost.StartAsync(azurite);
        foreach (var q in new[] { 0, 2, 1 })
        {
            await host.DropAsync(BlobName(q, quarters[q]), quarters[q]);
        }

        await host.Blobs.GetBlobContainerClient(StorageNames.SnapshotsContainer).GetBlobClient(ReleaseStatementsStore.BlobName(CodeSystem.Hcpcs)).DeleteAsync();
        Assert.Equal(IngestOutcome.Published, (await host.DropAsync(BlobName(3, quarters[3]), quarters[3])).Outcome);

        await AssertStoredVersionsAreTheFullRecomputeAsync(host, quarters);
        var statements = await host.Get<ReleaseStatementsStore>().LoadAsync(CodeSystem.Hcpcs, CancellationToken.None);
        Assert.Equal(4, statements!.Releases.Count);
    }

    private static async Task AssertStoredVersionsAreTheFullRecomputeAsync(IngestionHost host, IReadOnlyList<byte[]> files)
    {
        var snapshots = files.Select((content, q) => ReleaseReader.Read(new ReleaseFile(BlobName(q, content), content, new Dictionary<string, string>()))).ToArray();
        var expected = CodeTimeline.BuildAll(snapshots).SelectMany(v => v).Select(Describe).Order(StringComparer.Ordinal).ToArray();
        var stored = (await host.Get<VersionStore>().ReadAllAsync(CodeSystem.Hcpcs, CancellationToken.None))
            .Values.SelectMany(v => v).Select(Describe).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expected, stored);
    }

    private static string BlobName(int quarter, byte[] content) =>
        $"hcpcs/{First.AddMonths(3 * quarter):yyyy-MM-dd}/anweb-{ReleaseIdentityResolver.Sha256(content)[..8]}.txt";

    private static string Describe(CodeVersion version) => VersionStore.ToEntity(version) is var row ? $"{row.RowKey} {row["Hash"]}" : string.Empty;

    /// <summary>
    /// Quarterly releases grown from a real CMS excerpt the way CMS's quarterly files change: each
    /// quarter adds codes, terminates some, re-words some (new text from the ACT EFF DT inside the
    /// quarter) and leaves out a few that were terminated before.
    /// </summary>
    private static byte[][] Quarters(int procedures, int count, int seed)
    {
        var random = new Random(seed);
        var latin = Encoding.Latin1;

        // The 2019 file lists its 360 modifiers first: keep a few of them and the first procedures.
        var groups = Groups(latin.GetString(CmsFiles.Excerpt(CmsFiles.Txt2019, 360 + procedures)));
        var codes = groups.Take(10).Concat(groups.Skip(360)).ToList();
        var files = new byte[count][];
        for (var q = 0; q < count; q++)
        {
            var effective = First.AddMonths(3 * q);
            if (q > 0)
            {
                var terminated = codes.Where(c => Field(c[0], 285, 8).Trim().Length > 0).ToList();
                foreach (var purged in terminated.OrderBy(_ => random.Next()).Take(random.Next(0, 2)))
                {
                    codes.Remove(purged);
                }

                foreach (var i in Enumerable.Range(0, 3))
                {
                    var added = codes[random.Next(10, codes.Count)].Select(line => Set(line, 1, 5, $"Z{q:D2}{i}{seed % 10}")).ToList();
                    added[0] = Set(Set(added[0], 269, 8, Yyyymmdd(effective)), 285, 8, string.Empty);
                    codes.Add(added);
                }

                foreach (var code in codes.Where(c => Field(c[0], 285, 8).Trim().Length == 0).OrderBy(_ => random.Next()).Take(2).ToList())
                {
                    code[0] = Set(code[0], 285, 8, Yyyymmdd(effective.AddDays(random.Next(-30, 60))));
                }

                foreach (var code in codes.OrderBy(_ => random.Next()).Take(3).ToList())
                {
                    code[0] = Set(Set(code[0], 12, 80, $"Invented wording {q}-{random.Next(100)} of {Field(code[0], 1, 5)}"), 277, 8, Yyyymmdd(effective.AddDays(-random.Next(0, 80))));
                }

                codes.Sort((a, b) => string.CompareOrdinal(a[0][..5], b[0][..5]));
            }

            files[q] = latin.GetBytes(string.Concat(codes.SelectMany(c => c).Select(line => line + "\r\n")));
        }

        return files;
    }

    /// <summary>Each code's lines: its record line, then its continuation lines.</summary>
    private static List<List<string>> Groups(string text)
    {
        var groups = new List<List<string>>();
        foreach (var line in text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries))
        {
            if (line[10] is '3' or '7')
            {
                groups.Add([line]);
            }
            else
            {
                groups[^1].Add(line);
            }
        }

        return groups;
    }

    private static string Field(string line, int start, int length) => line.PadRight(320).Substring(start - 1, length);

    private static string Set(string line, int start, int length, string value)
    {
        var padded = line.PadRight(320);
        return string.Concat(padded.AsSpan(0, start - 1), value.PadRight(length).AsSpan(0, length), padded.AsSpan(start - 1 + length));
    }

    private static string Yyyymmdd(DateOnly date) => date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
}
