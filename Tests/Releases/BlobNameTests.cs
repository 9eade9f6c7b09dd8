using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Ingestion.Storage;
using CodeUpdates.Tests.Support;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs.Models;
using CodeUpdates.Cli.Commands;
using Microsoft.Extensions.Logging.Abstractions;

namespace CodeUpdates.Tests.Releases;

/// <summary>Blob names are data: a writer of <c>releases</c> cannot make the ingest read, move or delete a blob anywhere else.</summary>
[Trait(TestScope.Trait, TestScope.Integration)]
public sealed class BlobNameTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string HostileName = "../victim/victim.txt";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_release_named_with_a_dot_dot_segment_is_rejected_by_its_name_and_the_blob_it_points_at_is_untouched(bool bySweep)
    {
        await using var host = await IngestionHost.StartAsync(azurite);
        var victims = host.Blobs.GetBlobContainerClient("victim");
        await victims.DeleteIfExistsAsync();
        await victims.CreateAsync();
        var victim = victims.GetBlobClient("victim.txt");
        await victim.UploadAsync(new BinaryData("a blob in another container"u8.ToArray()));
        var victimETag = (await victim.GetPropertiesAsync()).Value.ETag;

        // The storage API takes the escaped '..' as part of the name: the blob really is in releases/.
        await UploadEscapedAsync(host, "%2E%2E/victim/victim.txt", CmsFiles.Excerpt(CmsFiles.Txt2019, 5));
        Assert.Equal([HostileName], await NamesAsync(host, StorageNames.ReleasesContainer));

        var outcome = bySweep
            ? (await Sweep(host).RunAsync(CancellationToken.None)).Ingested == 1 ? IngestOutcome.Rejected : IngestOutcome.Missing
            : (await host.Ingest.HandleAsync(new IngestReleaseCommand(HostileName), CancellationToken.None)).Outcome;

        Assert.Equal(IngestOutcome.Rejected, outcome);
        Assert.True(await victim.ExistsAsync(), "the blob in the other container was deleted");
        Assert.Equal(victimETag, (await victim.GetPropertiesAsync()).Value.ETag);
        Assert.Empty(await NamesAsync(host, StorageNames.QuarantineContainer));
        var record = Assert.Single(await host.Get<ReleaseStore>().ListAsync(null, CancellationToken.None));
        Assert.Equal((ReleaseStatus.Rejected, HostileName), (record.Status, record.Source));
        Assert.Contains("'..' segment", record.Reason, StringComparison.Ordinal);
        Assert.Null(record.KeptIn);

        // Recorded once: later sweeps neither read it nor record it again.
        host.Faults.Reset();
        Assert.Equal(new ReleaseSweepResult(0, 0, 0), await Sweep(host).RunAsync(CancellationToken.None));
        Assert.Equal(0, host.Faults.Writes);
        Assert.True(await victim.ExistsAsync());
    }

    [Theory]
    [InlineData("hcpcs/./HCPC2019_CONTR_ANWEB.txt", "'.' segment")]
    [InlineData("hcpcs//HCPC2019_CONTR_ANWEB.txt", "empty segment")]
    [InlineData("hcpcs/HCPC2019_CONTR_ANWEB.txt.", "ends with")]
    public async Task A_release_whose_name_breaks_the_rule_is_rejected_with_that_reason_and_left_alone(string name, string reasonMentions)
    {
        await using var host = await IngestionHost.StartAsync(azurite);
        var content = CmsFiles.Excerpt(CmsFiles.Txt2019, 5);
        await UploadEscapedAsync(host, EscapeEverySegment(name), content);
        var stored = Assert.Single(await NamesAsync(host, StorageNames.ReleasesContainer));

        var result = await host.Ingest.HandleAsync(new IngestReleaseCommand(stored), CancellationToken.None);

        Assert.Equal(IngestOutcome.Rejected, result.Outcome);
        Assert.Contains(reasonMentions, result.Release!.Reason, StringComparison.Ordinal);
        Assert.Null(result.Release.KeptIn);
        Assert.Empty(await NamesAsync(host, StorageNames.QuarantineContainer));
        Assert.Single(await host.Get<ReleaseStore>().ListAsync(null, CancellationToken.None), r => r.Status == ReleaseStatus.Rejected);
    }

    [Fact]
    public async Task Quarantine_refuses_a_name_that_would_leave_its_container()
    {
        await using var host = await IngestionHost.StartAsync(azurite);
        await Assert.ThrowsAsync<ArgumentException>(() =>
            host.Get<Quarantine>().MoveAsync(HostileName, new Dictionary<string, string>(), "test", CancellationToken.None));
        Assert.Empty(await NamesAsync(host, StorageNames.QuarantineContainer));
    }

    [Theory]
    [InlineData("../x.txt")]
    [InlineData("a\\b.txt")]
    [InlineData("a\u0007b.txt")]
    [InlineData("a/./b.txt")]
    public async Task Drop_refuses_every_name_the_ingest_would_reject(string name)
    {
        await using var host = await IngestionHost.StartAsync(azurite);
        var file = Path.Combine(Path.GetTempPath(), $"drop-{Guid.NewGuid():N}.txt");
        await File.WriteAllBytesAsync(file, CmsFiles.Excerpt(CmsFiles.Txt2019, 5));
        try
        {
            var refused = await Assert.ThrowsAsync<UsageException>(() =>
                DropCommand.RunAsync(new DropRequest(file, Name: name), host.Blobs, TextWriter.Null, CancellationToken.None));
            Assert.Contains("is not a blob name", refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }

        Assert.Empty(await NamesAsync(host, StorageNames.ReleasesContainer));
    }

    [Theory]
    [InlineData("hcpcs/HCPC2019_CONTR_ANWEB.txt", null)]
    [InlineData("cpt/2025/LONG ULT (1).txt", null)]
    [InlineData("", "empty")]
    [InlineData("/hcpcs/a.txt", "starts with '/'")]
    [InlineData("hcpcs/a.txt/", "ends with")]
    [InlineData("hcpcs/../a.txt", "'..' segment")]
    [InlineData("hcpcs/a\u007f.txt", "control character")]
    [InlineData("hcpcs\\a.txt", "backslash")]
    [InlineData("hcpcs//a.txt", "empty segment")]
    [InlineData("hcpcs/./a.txt", "'.' segment")]
    public void The_blob_name_rule(string name, string? problemMentions)
    {
        var problem = BlobNames.Problem(name);
        if (problemMentions is null)
        {
            Assert.Null(problem);
        }
        else
        {
            Assert.Contains(problemMentions, problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_name_that_is_not_Unicode_text_breaks_the_rule() =>
        Assert.Contains("unpaired surrogate", BlobNames.Problem("hcpcs/a" + '\ud800' + ".txt"), StringComparison.Ordinal);

    /// <summary>
    /// What a hostile writer sends: a raw Put Blob whose URL carries the name escaped by hand, which
    /// the storage API stores unescaped (the SDK's clients would resolve the dot segments first).
    /// </summary>
    private async Task UploadEscapedAsync(IngestionHost host, string escapedName, byte[] content)
    {
        var key = Convert.FromBase64String(Regex.Match(azurite.ConnectionString, "AccountKey=([^;]+)").Groups[1].Value);
        var account = host.Blobs.AccountName;
        var path = $"{host.Blobs.Uri.AbsolutePath.TrimEnd('/')}/{StorageNames.ReleasesContainer}/{escapedName}";
        var date = DateTimeOffset.UtcNow.ToString("R", CultureInfo.InvariantCulture);
        var toSign = $"PUT\n\n\n{content.Length}\n\n\n\n\n\n\n\n\nx-ms-blob-type:BlockBlob\nx-ms-date:{date}\nx-ms-version:2021-08-06\n/{account}{path}";
        using var request = new HttpRequestMessage(
            HttpMethod.Put,
            new Uri($"http://127.0.0.1:{azurite.BlobPort}{path}", new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true }))
        {
            Content = new ByteArrayContent(content),
        };
        request.Headers.Add("x-ms-blob-type", "BlockBlob");
        request.Headers.Add("x-ms-date", date);
        request.Headers.Add("x-ms-version", "2021-08-06");
        request.Headers.TryAddWithoutValidation("Authorization", $"SharedKey {account}:{Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(toSign)))}");
        using var http = new HttpClient();
        using var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"PUT {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static string EscapeEverySegment(string name) =>
        string.Join('/', name.Split('/').Select(s => string.Concat(s.Select(ch => ch is '.' ? "%2E" : Uri.EscapeDataString(ch.ToString())))));

    private static async Task<IReadOnlyList<string>> NamesAsync(IngestionHost host, string container)
    {
        var names = new List<string>();
        await foreach (var blob in host.Blobs.GetBlobContainerClient(container).GetBlobsAsync(BlobTraits.None, BlobStates.None, null, CancellationToken.None))
        {
            names.Add(blob.Name);
        }

        return names;
    }

    private static ReleaseSweep Sweep(IngestionHost host) =>
        new(host.Get<DroppedFiles>(), host.Get<ReleaseStore>(), host.Get<SystemLock>(), host.Get<IIngestRelease>(), TimeProvider.System, NullLogger<ReleaseSweep>.Instance)
        {
            TriggerGrace = TimeSpan.Zero,
        };
}
