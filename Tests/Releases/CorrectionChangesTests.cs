using System.Text.Json;
using System.Text.RegularExpressions;
using CodeUpdates.Ingestion.Mail;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Tests.Support;

namespace CodeUpdates.Tests.Releases;

/// <summary>
/// A corrected release's changes document and mail on a real Azurite (2017 .txt, 2018 .xlsx, then CMS's V4 corrections):
/// the correction section against the replaced file, checked code by code against a diff written here from the two
/// stored 2018 snapshots, and the replaced file's changes, still readable under its hash.
/// </summary>
[Trait(TestScope.Trait, TestScope.Integration)]
public sealed partial class CorrectionChangesTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Release2017 = "hcpcs/HCPC17_CONTR_ANWEB.txt";
    private const string Release2018 = "hcpcs/HCPC2018_CONTR_ANWEB_disc.xlsx";
    private const string V4 = "hcpcs/V4_HCPC2018_Corrections_ANWEB.xlsx";
    private static readonly DateOnly January2018 = new(2018, 1, 1);

    [Fact]
    public async Task The_corrected_2018_says_what_it_replaced_and_changed_against_it_and_the_replaced_files_changes_stay_readable()
    {
        await using var host = await IngestionHost.StartAsync(azurite);
        await host.DropAsync(Release2017, CmsFiles.Read(HcpcsTestData.Txt2017));
        var original = (await host.DropAsync(Release2018, CmsFiles.Read(HcpcsTestData.Xlsx2018))).Release!;
        var corrected = (await host.DropAsync(V4, CmsFiles.Read(CmsCorrectionFiles.V4))).Release!;
        var snapshots = host.Get<SnapshotStore>();
        var before = (await snapshots.LoadCopyAsync(CodeSystem.Hcpcs, January2018, original.Sha256, CancellationToken.None))!;
        var after = (await snapshots.LoadAsync(CodeSystem.Hcpcs, January2018, CancellationToken.None))!;
        Assert.Equal((original.Sha256, corrected.Sha256), (before.Identity.Sha256, after.Identity.Sha256));
        var records = await host.Get<ReleaseStore>().ListAsync(CodeSystem.Hcpcs, CancellationToken.None);
        var replaced = records.Single(r => r.Status == ReleaseStatus.Superseded);

        // The document as the route answers it.
        var catalog = host.Get<ReleaseCatalog>();
        var json = JsonDocument.Parse((await catalog.FileAsync((await catalog.ChangesAsync("hcpcs", "2018-01-01", null, CancellationToken.None)).Value!, CancellationToken.None)).Value!.Content).RootElement;
        var section = json.GetProperty("correction");
        Assert.Equal(Release2018, section.GetProperty("replaced").GetProperty("source").GetString());
        Assert.Equal(original.Sha256, section.GetProperty("replaced").GetProperty("sha256").GetString());
        Assert.Equal(replaced.PublishedAt, section.GetProperty("replaced").GetProperty("publishedAt").GetDateTimeOffset());
        Assert.Equal(replaced.SupersededChanges, section.GetProperty("replaced").GetProperty("changes").GetString());
        var outcome = section.GetProperty("corrections");
        Assert.Equal(corrected.Corrections!.Applied, outcome.GetProperty("applied").GetInt32());
        Assert.Equal(["C9488", "C9745", "C9746", "C9747", "C9748", "G0499"], outcome.GetProperty("unapplied").EnumerateArray().Select(u => u.GetProperty("code").GetString()));
        Assert.All(outcome.GetProperty("unapplied").EnumerateArray(), u => Assert.False(string.IsNullOrWhiteSpace(u.GetProperty("reason").GetString())));

        // Code by code against the two stored snapshots compared here.
        var expected = Independent(before, after);
        var listed = section.GetProperty("changes").EnumerateArray().Select(c => $"{c.GetProperty("code").GetString()} {c.GetProperty("change").GetString()}").Order(StringComparer.Ordinal);
        Assert.Equal(expected, listed);
        var summary = section.GetProperty("summary");
        foreach (var type in new[] { "added", "deleted", "revised" })
        {
            Assert.Equal(expected.Count(e => e.EndsWith(" " + type, StringComparison.Ordinal)), summary.GetProperty(type).GetInt32());
        }

        Assert.Contains("G9868 added", expected);
        Assert.Contains("G0279 revised", expected);

        // The changes against 2017 are as for any release; a release that replaced nothing has no section.
        Assert.Equal("2017-01-01", json.GetProperty("prior").GetProperty("effective").GetString());
        var first = JsonDocument.Parse((await catalog.FileAsync((await catalog.ChangesAsync("hcpcs", "2017-01-01", null, CancellationToken.None)).Value!, CancellationToken.None)).Value!.Content).RootElement;
        Assert.False(first.TryGetProperty("correction", out _));

        // The replaced file's changes, as they were published: against 2017, counted as its record counted them.
        Assert.Equal($"/api/releases/hcpcs/2018-01-01/superseded/{original.Sha256}/changes", replaced.SupersededChanges);
        var kept = JsonDocument.Parse((await catalog.SupersededFileAsync(ReleaseCatalog.SupersededChanges("hcpcs", "2018-01-01", original.Sha256, null).Value!, CancellationToken.None)).Value!.Content).RootElement;
        Assert.Equal(original.Sha256, kept.GetProperty("current").GetProperty("sha256").GetString());
        Assert.Equal(Release2018, kept.GetProperty("current").GetProperty("source").GetString());
        Assert.Equal(original.Counts!.Added, kept.GetProperty("summary").GetProperty("added").GetInt32());
        Assert.Equal(original.Counts.Revised, kept.GetProperty("summary").GetProperty("revised").GetInt32());
        var csv = (await catalog.SupersededFileAsync(ReleaseCatalog.SupersededChanges("hcpcs", "2018-01-01", original.Sha256.ToUpperInvariant(), "csv").Value!, CancellationToken.None)).Value!;
        Assert.StartsWith("text/csv", csv.ContentType, StringComparison.Ordinal);

        // Bad input is refused by name, and unknown files are not found; nothing is written either way.
        var state = await host.DumpStateAsync();
        Assert.Contains("is not a SHA-256", ReleaseCatalog.SupersededChanges("hcpcs", "2018-01-01", "abc", null).Refusal!.Detail, StringComparison.Ordinal);
        Assert.Contains("format 'pdf' is not offered", ReleaseCatalog.SupersededChanges("hcpcs", "2018-01-01", original.Sha256, "pdf").Refusal!.Detail, StringComparison.Ordinal);
        var unknown = await catalog.SupersededFileAsync(ReleaseCatalog.SupersededChanges("hcpcs", "2018-01-01", corrected.Sha256, null).Value!, CancellationToken.None);
        Assert.Contains("was published and then replaced", unknown.Refusal!.Detail, StringComparison.Ordinal);
        Assert.Equal(state, await host.DumpStateAsync());

        // The mail says it is a correction, of which file, what it changed against it and what was not applied, before the usual changes.
        var published = (await host.Get<IReleaseChangesSource>().GetPublishedChangesAsync(CodeSystem.Hcpcs, January2018, CancellationToken.None))!;
        var mail = await ChangeReportMail.RenderAsync(published.Diff, published.Correction, null, CancellationToken.None);
        var said = $"Correction of {Release2018} published {replaced.PublishedAt!.Value.UtcDateTime:yyyy-MM-dd}: against that file it changed ";
        Assert.Contains(said, mail.Text, StringComparison.Ordinal);
        Assert.Contains(said, mail.Html, StringComparison.Ordinal);
        Assert.True(mail.Text.IndexOf(said, StringComparison.Ordinal) < mail.Text.IndexOf("Compared with the release effective 2017-01-01", StringComparison.Ordinal));
        Assert.Contains($"{expected.Count(e => e.EndsWith(" added", StringComparison.Ordinal))} added", mail.Text, StringComparison.Ordinal);
        Assert.Contains("C9488 (", mail.Text, StringComparison.Ordinal);
        Assert.Contains("6 lines not applied", mail.Text, StringComparison.Ordinal);
    }

    /// <summary>Each code's change between the two snapshots, by the design's rules, as "CODE change" in code order (administrative left out: a correction changes texts).</summary>
    private static List<string> Independent(ReleaseSnapshot before, ReleaseSnapshot after)
    {
        var old = before.Codes.ToDictionary(c => c.Code, StringComparer.Ordinal);
        var @new = after.Codes.ToDictionary(c => c.Code, StringComparer.Ordinal);
        var lines = new List<string>();
        foreach (var code in old.Keys.Union(@new.Keys).Order(StringComparer.Ordinal))
        {
            old.TryGetValue(code, out var b);
            @new.TryGetValue(code, out var a);
            if (b is null)
            {
                lines.Add($"{code} added");
            }
            else if (a is null || (a.TerminationDate is not null && b.TerminationDate is null))
            {
                lines.Add($"{code} deleted");
            }
            else if (b.TerminationDate is not null && a.TerminationDate is null)
            {
                lines.Add($"{code} reactivated");
            }
            else if (Words(a.LongDescription) != Words(b.LongDescription) || Words(a.ShortDescription) != Words(b.ShortDescription))
            {
                lines.Add($"{code} revised");
            }
        }

        return lines;
    }

    private static string Words(string? text) => Spaces().Replace(text ?? string.Empty, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
