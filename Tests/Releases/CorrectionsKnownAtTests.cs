using System.Text;
using System.Text.Json.Nodes;
using CodeUpdates.Ingestion.Answers;
using CodeUpdates.Ingestion.Diff;
using CodeUpdates.Ingestion.Lookup;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Ingestion.Reports;
using CodeUpdates.Tests.Support;

namespace CodeUpdates.Tests.Releases;

/// <summary>
/// "As known at" over the real V4 corrections document: the 2017 .txt and the real 2018 workbook dropped, then V4 (which the
/// product applies to the 2018 release, making a corrected 2018 release), on Azurite. At an instant between the 2018
/// publish and the V4 drop the system answers the 2018 workbook's texts; now it answers the document's. Every expected
/// text is read from the files themselves: the V4 document's cells, the 2018 workbook and the 2017 .txt.
/// </summary>
[Trait(TestScope.Trait, TestScope.Integration)]
public sealed class CorrectionsKnownAtTests(AzuriteFixture azurite, CmsCorrectionFiles files) : IClassFixture<AzuriteFixture>, IClassFixture<CmsCorrectionFiles>
{
    private const string Release2017 = "hcpcs/HCPC17_CONTR_ANWEB.txt";
    private const string Release2018 = "hcpcs/HCPC2018_CONTR_ANWEB_disc.xlsx";
    private const string V4 = "hcpcs/V4_HCPC2018_Corrections_ANWEB.xlsx";
    private const string ServiceDate = "2018-06-01";
    private static readonly DateOnly January2018 = new(2018, 1, 1);

    [Fact]
    public async Task Between_the_2018_publish_and_V4_the_system_answered_the_2018_workbook_and_now_it_answers_the_V4_document()
    {
        // What V4 says, from its own cells: each line's code, action and texts, sorted into what the action does.
        var lines = DocumentLines(RawXlsxCells.FirstSheet(RepoPaths.Cms(CmsCorrectionFiles.V4)));
        var revised = lines.Where(l => l.Action.StartsWith("Revise", StringComparison.Ordinal)).ToArray();
        var added = lines.Where(l => l.Action.StartsWith("ADD ", StringComparison.Ordinal)).ToArray();
        var deleted = lines.Where(l => l.Action == "DELETE").ToArray();
        var reverted = lines.Where(l => l.Action.Contains("revert back to 2017", StringComparison.OrdinalIgnoreCase)).ToArray();
        Assert.Equal(
            ["G0279", "G9367", "G9368", "G9481", "G9482", "G9483", "G9484", "G9485", "G9486", "G9487", "G9488", "G9489", "G9490"],
            revised.Select(l => l.Code).Order(StringComparer.Ordinal));
        Assert.Equal(["G9868", "G9869", "G9870"], added.Select(l => l.Code));
        Assert.Equal(["G9890", "G9891"], deleted.Select(l => l.Code));
        Assert.Equal(["G9637", "G9638"], reverted.Select(l => l.Code));
        var in2017 = HcpcsTestData.Read(HcpcsTestData.Txt2017).ByCode();
        var in2018 = HcpcsTestData.Read(HcpcsTestData.Xlsx2018).ByCode();

        await using var host = await IngestionHost.StartAsync(azurite);
        var lookup = host.Get<CodeLookup>();
        var beforeAny = DateTimeOffset.UtcNow;
        Assert.Equal(IngestOutcome.Published, (await host.DropAsync(Release2017, CmsFiles.Read(HcpcsTestData.Txt2017))).Outcome);
        var before2018 = DateTimeOffset.UtcNow;
        Assert.Equal(IngestOutcome.Published, (await host.DropAsync(Release2018, CmsFiles.Read(HcpcsTestData.Xlsx2018))).Outcome);
        var between = DateTimeOffset.UtcNow;
        Assert.Equal(IngestOutcome.Published, (await host.DropAsync(V4, CmsFiles.Read(CmsCorrectionFiles.V4))).Outcome);
        var now = DateTimeOffset.UtcNow;

        // The release records: the original 2018 superseded by V4 at the instant the corrected release was published.
        var records = await host.Get<ReleaseStore>().ListAsync(CodeSystem.Hcpcs, CancellationToken.None);
        var published2017 = Assert.Single(records, r => r.Source == Release2017);
        var original = Assert.Single(records, r => r.Source == Release2018);
        var corrected = Assert.Single(records, r => r.Source == V4);
        Assert.Equal((ReleaseStatus.Superseded, V4), (original.Status, original.SupersededBy));
        Assert.Equal(ReleaseStatus.Published, corrected.Status);
        Assert.Equal(January2018, corrected.Effective);
        Assert.Equal(corrected.PublishedAt, original.SupersededAt);
        Assert.InRange(original.PublishedAt!.Value, before2018.AddTicks(1), between);
        Assert.InRange(corrected.PublishedAt!.Value, between.AddTicks(1), now);
        var listed = (await host.Get<ReleaseCatalog>().ListAsync("hcpcs", CancellationToken.None)).Value!;
        Assert.Contains(listed.Releases, r => r.Source == Release2018 && r.Status == ReleaseStatus.Superseded && r.SupersededBy == V4 && r.SupersededAt == corrected.PublishedAt);
        Assert.Contains(listed.Releases, r => r.Source == V4 && r.Status == ReleaseStatus.Published && r.PublishedAt == corrected.PublishedAt);

        // Before the first publish no code was known.
        foreach (var line in lines.Where(l => revised.Contains(l) || added.Contains(l) || deleted.Contains(l) || reverted.Contains(l)))
        {
            var none = await lookup.AnswerAsync("hcpcs", line.Code, ServiceDate, beforeAny.ToString("O"), CancellationToken.None);
            Assert.Equal(RefusalKind.NotFound, none.Refusal?.Kind);
            Assert.Contains("no hcpcs release was published by then", none.Refusal!.Detail, StringComparison.Ordinal);
        }

        // Revised: the 2018 workbook's texts then, the document's now (its short text where it gives one, else the 2018 one).
        foreach (var line in revised)
        {
            var then = await KnownAsync(lookup, line.Code, between, original);
            AssertTexts(in2018[line.Code].LongDescription, in2018[line.Code].ShortDescription, then);
            Assert.NotEqual(Text(line.Long), Text(in2018[line.Code].LongDescription));
            foreach (var answer in await NowAsync(lookup, line.Code, now, corrected))
            {
                Assert.True(answer.Valid, line.Code);
                AssertTexts(line.Long, line.Short ?? in2018[line.Code].ShortDescription, answer);
            }
        }

        // Reverted: the 2018 workbook's texts then, the 2017 file's now.
        foreach (var line in reverted)
        {
            var then = await KnownAsync(lookup, line.Code, between, original);
            AssertTexts(in2018[line.Code].LongDescription, in2018[line.Code].ShortDescription, then);
            Assert.NotEqual(Text(in2017[line.Code].LongDescription), Text(in2018[line.Code].LongDescription));
            foreach (var answer in await NowAsync(lookup, line.Code, now, corrected))
            {
                AssertTexts(in2017[line.Code].LongDescription, in2017[line.Code].ShortDescription, answer);
            }
        }

        // Added: unknown then (in neither file), valid now with the document's texts.
        foreach (var line in added)
        {
            Assert.False(in2017.ContainsKey(line.Code) || in2018.ContainsKey(line.Code), line.Code);
            var then = await lookup.AnswerAsync("hcpcs", line.Code, ServiceDate, between.ToString("O"), CancellationToken.None);
            Assert.Equal(RefusalKind.NotFound, then.Refusal?.Kind);
            Assert.Contains($"hcpcs code {line.Code} was not known at {between:O}", then.Refusal!.Detail, StringComparison.Ordinal);
            foreach (var answer in await NowAsync(lookup, line.Code, now, corrected))
            {
                Assert.True(answer.Valid, line.Code);
                AssertTexts(line.Long, line.Short, answer);
            }
        }

        // Deleted: valid then with the 2018 workbook's texts, unknown now.
        foreach (var line in deleted)
        {
            var then = await KnownAsync(lookup, line.Code, between, original);
            Assert.True(then.Valid, line.Code);
            AssertTexts(in2018[line.Code].LongDescription, in2018[line.Code].ShortDescription, then);
            Assert.False(in2017.ContainsKey(line.Code), line.Code);
            Assert.Equal(RefusalKind.NotFound, (await lookup.AnswerAsync("hcpcs", line.Code, ServiceDate, now.ToString("O"), CancellationToken.None)).Refusal?.Kind);
            Assert.Equal(RefusalKind.NotFound, (await lookup.AnswerAsync("hcpcs", line.Code, ServiceDate, CancellationToken.None)).Refusal?.Kind);
        }

        // History with include=superseded: now, a revised code's 2018 text is a superseded version, known until the
        // corrected release was published and closed by it; at the instant between, that text was the current one.
        var closedBy = new ClosingRelease(January2018, V4);
        foreach (var line in revised.Take(4).Concat(reverted))
        {
            var history = (await lookup.HistoryAsync("hcpcs", line.Code, null, CodeLookup.IncludeSuperseded, CancellationToken.None)).Value!;
            var expectedNow = revised.Contains(line) ? line.Long : in2017[line.Code].LongDescription;
            Assert.Equal(Text(expectedNow), Text(InForce(history).LongDescription));
            var replaced = Assert.Single(history.Superseded!, s => s.ClosedBy == closedBy && Text(s.LongDescription) == Text(in2018[line.Code].LongDescription));
            Assert.True(InForce(replaced.Start, replaced.End), $"{line.Code}: the replaced version was in force on {ServiceDate}");
            Assert.Equal(Text(in2018[line.Code].ShortDescription), Text(replaced.ShortDescription));
            Assert.Equal(corrected.PublishedAt, replaced.KnownTo);
            Assert.Equal(original.SupersededAt, replaced.KnownTo);
            // Known since the publish of the first file that held that version: 2017's when the 2018 workbook kept it, else 2018's.
            Assert.Contains(replaced.KnownFrom, new[] { published2017.PublishedAt!.Value, original.PublishedAt!.Value });
            if (in2017.TryGetValue(line.Code, out var earlier) && Text(earlier.LongDescription) != Text(in2018[line.Code].LongDescription))
            {
                Assert.Equal(original.PublishedAt, replaced.KnownFrom);
            }

            var historyThen = (await lookup.HistoryAsync("hcpcs", line.Code, between.ToString("O"), CodeLookup.IncludeSuperseded, CancellationToken.None)).Value!;
            Assert.Equal(((DateTimeOffset?)between, original.PublishedAt), (historyThen.KnownAt, historyThen.KnownAsOf));
            Assert.Equal(Text(in2018[line.Code].LongDescription), Text(InForce(historyThen).LongDescription));
            Assert.DoesNotContain(historyThen.Superseded!, s => s.ClosedBy.Source == V4 || s.KnownTo > between);
        }

        // A deleted code's history: at the instant between, the 2018 version is current, known since the 2018 publish.
        // Now the code is in no release held: 404, saying when it was held, what removed it, and the knownAt that reads it.
        foreach (var line in deleted)
        {
            var historyThen = (await lookup.HistoryAsync("hcpcs", line.Code, between.ToString("O"), CodeLookup.IncludeSuperseded, CancellationToken.None)).Value!;
            var version = Assert.Single(historyThen.Versions);
            Assert.Equal((January2018, Text(in2018[line.Code].LongDescription)), (version.Start, Text(version.LongDescription)));
            Assert.Empty(historyThen.Superseded!);
            var historyNow = await lookup.HistoryAsync("hcpcs", line.Code, null, CodeLookup.IncludeSuperseded, CancellationToken.None);
            Assert.Equal(RefusalKind.NotFound, historyNow.Refusal?.Kind);
            var heldFrom = original.PublishedAt!.Value.UtcDateTime.ToString("O");
            Assert.Contains(
                $"it was held from {heldFrom} until {corrected.PublishedAt!.Value.UtcDateTime:O}, when {V4} (effective 2018-01-01) removed it; ask with knownAt={heldFrom}",
                historyNow.Refusal!.Detail,
                StringComparison.Ordinal);
            Assert.Equal(RefusalKind.NotFound, (await lookup.HistoryAsync("hcpcs", line.Code, now.ToString("O"), CodeLookup.IncludeSuperseded, CancellationToken.None)).Refusal?.Kind);
            var asAdvised = (await lookup.HistoryAsync("hcpcs", line.Code, heldFrom, CodeLookup.IncludeSuperseded, CancellationToken.None)).Value!;
            Assert.Equal(Text(in2018[line.Code].LongDescription), Text(Assert.Single(asAdvised.Versions).LongDescription));
        }

        // The release's changes as known then: the original workbook's against 2017; now the corrected release's.
        var catalog = host.Get<ReleaseCatalog>();
        var changesThen = await KnownAtExpectations.ReleaseChangesAsync(catalog, January2018, between);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(ChangeReportDocument.From(ReleaseDiff.Compare(files.Release2017, files.Release2018)).ToJson()), KnownAtExpectations.WithoutKnown(changesThen)));
        var changesKnownNow = await KnownAtExpectations.ReleaseChangesAsync(catalog, January2018, now);
        var changesPresent = await KnownAtExpectations.ReleaseChangesAsync(catalog, January2018, null);
        Assert.Equal(corrected.Sha256, changesKnownNow["current"]!["sha256"]!.GetValue<string>());
        Assert.Equal(original.Sha256, changesThen["current"]!["sha256"]!.GetValue<string>());
        foreach (var line in added)
        {
            Assert.DoesNotContain(Changes(changesThen), c => c.Code == line.Code);
            Assert.Contains(Changes(changesKnownNow), c => c == (line.Code, "added"));
        }

        foreach (var line in deleted)
        {
            Assert.Contains(Changes(changesThen), c => c == (line.Code, "added"));
            Assert.DoesNotContain(Changes(changesKnownNow), c => c.Code == line.Code);
        }

        // Known at now, the pair of files is the present one: the document is the present one, its correction section
        // included, and says the instant asked and the state that answered.
        Assert.Equal(original.Sha256, changesPresent["correction"]!["replaced"]!["sha256"]!.GetValue<string>());
        Assert.Equal(added.Length, changesPresent["correction"]!["summary"]!["added"]!.GetValue<int>());
        Assert.Equal((now, corrected.PublishedAt!.Value), (changesKnownNow["knownAt"]!.GetValue<DateTimeOffset>(), changesKnownNow["knownAsOf"]!.GetValue<DateTimeOffset>()));
        Assert.True(JsonNode.DeepEquals(changesPresent, KnownAtExpectations.WithoutKnown(changesKnownNow)), "known at now, the 2018 changes are the present document");
        Assert.Equal((between, original.PublishedAt!.Value), (changesThen["knownAt"]!.GetValue<DateTimeOffset>(), changesThen["knownAsOf"]!.GetValue<DateTimeOffset>()));
        Assert.False(changesThen.AsObject().ContainsKey("correction"));
    }

    /// <summary>Texts compare as the product's versions do (DESIGN: CMS changes spacing between years without changing words).</summary>
    private static string Text(string? text) => TextNormalizer.Collapse(text);

    private static void AssertTexts(string? expectedLong, string? expectedShort, CodeAnswer answer) =>
        Assert.Equal((answer.Code, Text(expectedLong), Text(expectedShort)), (answer.Code, Text(answer.LongDescription), Text(answer.ShortDescription)));

    /// <summary>The answer known at <paramref name="at"/>, which says so and names the release answering then.</summary>
    private static async Task<CodeAnswer> KnownAsync(CodeLookup lookup, string code, DateTimeOffset at, ReleaseRecord answering)
    {
        var answer = await lookup.AnswerAsync("hcpcs", code, ServiceDate, at.ToString("O"), CancellationToken.None);
        Assert.True(answer.Found, $"{code} known at {at:O}: {answer.Refusal?.Detail}");
        Assert.Equal(((DateTimeOffset?)at, answering.PublishedAt), (answer.Value.KnownAt, answer.Value.KnownAsOf));
        return answer.Value;
    }

    /// <summary>The answer known at <paramref name="now"/> and the present one (from memory): both must be the corrected release's.</summary>
    private static async Task<CodeAnswer[]> NowAsync(CodeLookup lookup, string code, DateTimeOffset now, ReleaseRecord corrected)
    {
        var present = await lookup.AnswerAsync("hcpcs", code, ServiceDate, CancellationToken.None);
        Assert.True(present.Found, $"{code} now: {present.Refusal?.Detail}");
        return [await KnownAsync(lookup, code, now, corrected), present.Value];
    }

    private static VersionEntry InForce(CodeHistory history) =>
        Assert.Single(history.Versions, v => InForce(v.Start, v.End));

    private static bool InForce(DateOnly start, DateOnly? end)
    {
        var date = DateOnly.Parse(ServiceDate, System.Globalization.CultureInfo.InvariantCulture);
        return start <= date && (end is null || end >= date);
    }

    private static IEnumerable<(string Code, string Change)> Changes(JsonNode document) =>
        document["changes"]!.AsArray().Select(c => (c!["code"]!.GetValue<string>(), c["change"]!.GetValue<string>()));

    /// <summary>Each line below the CODE header: the code (column A), action (B), short text (D, null when blank) and long text (E).</summary>
    private static IReadOnlyList<DocumentLine> DocumentLines(IReadOnlyDictionary<string, string> cells)
    {
        var header = RawXlsxCells.RowOf(cells, "CODE");
        return cells
            .Where(c => c.Key.StartsWith('A') && char.IsDigit(c.Key[1]) && c.Value.Trim().Length > 0)
            .Select(c => int.Parse(c.Key[1..], System.Globalization.CultureInfo.InvariantCulture))
            .Where(row => row > header)
            .Order()
            .Select(row => new DocumentLine(
                cells[$"A{row}"].Trim(),
                cells.GetValueOrDefault($"B{row}", string.Empty).Trim(),
                cells.GetValueOrDefault($"D{row}", string.Empty).Trim() is { Length: > 0 } shortText ? shortText : null,
                cells.GetValueOrDefault($"E{row}", string.Empty).Trim()))
            .ToArray();
    }

    private sealed record DocumentLine(string Code, string Action, string? Short, string Long);
}
