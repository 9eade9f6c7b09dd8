using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CodeUpdates.Functions;
using CodeUpdates.Ingestion.Answers;
using CodeUpdates.Ingestion.Diff;
using CodeUpdates.Ingestion.Fhir;
using CodeUpdates.Ingestion.Lookup;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Ingestion.Reports;
using CodeUpdates.Ingestion.Spans;
using CodeUpdates.Ingestion.Versions;
using CodeUpdates.Tests.Support;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using CodeSystem = CodeUpdates.Ingestion.ReleaseFiles.CodeSystem;
using Task = System.Threading.Tasks.Task;

namespace CodeUpdates.Tests.Releases;

/// <summary>
/// knownAt on the span changes, the code sets, a release's changes and FHIR $lookup/$validate-code, over the real CMS
/// 2017, 2018 and 2019 files and a correction of 2018 made from the real file, in Azurite: at instants between the
/// publishes each answer equals the one computed from the releases published by then alone (their snapshots read
/// from the files, with no storage), and a bad instant is refused on every route and changes nothing.
/// </summary>
[Trait(TestScope.Trait, TestScope.Integration)]
public sealed class KnownAtRoutesTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Name2017 = "hcpcs/" + "HCPC2017_CONTR_ANWEB.txt";
    private const string Original2018 = "hcpcs/" + "HCPC2018_CONTR_ANWEB_disc.txt";
    private const string Corrected2018 = "hcpcs/2018-01-01/corrected.txt";
    private static readonly CorrectedCms2018 Correction = CorrectedCms2018.Make();
    private static readonly DateOnly Effective2017 = new(2017, 1, 1);
    private static readonly DateOnly Effective2018 = new(2018, 1, 1);
    private static readonly DateOnly Effective2019 = new(2019, 1, 1);

    [Fact]
    public async Task Spans_code_sets_release_changes_and_fhir_at_instants_between_publishes_are_those_of_the_releases_published_by_then()
    {
        await using var host = await IngestionHost.StartAsync(azurite);
        var beforeAny = DateTimeOffset.UtcNow;
        await Drop(host, "hcpcs/" + Path.GetFileName(CmsFiles.Txt2017), CmsFiles.Read(CmsFiles.Txt2017));
        await Drop(host, Original2018, CmsFiles.Read(CmsFiles.Txt2018));
        var after2018 = DateTimeOffset.UtcNow;
        await Drop(host, Corrected2018, Correction.Content);
        var afterCorrection = DateTimeOffset.UtcNow;
        await Drop(host, "hcpcs/" + Path.GetFileName(CmsFiles.Txt2019), CmsFiles.Read(CmsFiles.Txt2019));
        var after2019 = DateTimeOffset.UtcNow;

        var records = await host.Get<ReleaseStore>().ListAsync(CodeSystem.Hcpcs, CancellationToken.None);
        var original = Assert.Single(records, r => r.Source == Original2018);
        var corrected = Assert.Single(records, r => r.Source == Corrected2018);
        var published2019 = Assert.Single(records, r => r.Effective == Effective2019);

        var snapshot2017 = Read("hcpcs/" + Path.GetFileName(CmsFiles.Txt2017), CmsFiles.Read(CmsFiles.Txt2017));
        var snapshot2018 = Read(Original2018, CmsFiles.Read(CmsFiles.Txt2018));
        var snapshotCorrected = Read(Corrected2018, Correction.Content);
        var snapshot2019 = Read("hcpcs/" + Path.GetFileName(CmsFiles.Txt2019), CmsFiles.Read(CmsFiles.Txt2019));
        var states = new (DateTimeOffset At, ReleaseSnapshot[] Held, DateTimeOffset KnownAsOf)[]
        {
            (after2018, [snapshot2017, snapshot2018], original.PublishedAt!.Value),
            (afterCorrection, [snapshot2017, snapshotCorrected], corrected.PublishedAt!.Value),
            (after2019, [snapshot2017, snapshotCorrected, snapshot2019], published2019.PublishedAt!.Value),
        };

        foreach (var (at, held, knownAsOf) in states)
        {
            var expected = KnownAtExpectations.Index(held);
            var heldDates = held.Select(s => s.Identity.Effective).ToArray();
            await AssertSpanAsync(host, at, knownAsOf, expected, heldDates, new DateOnly(2017, 6, 1), new DateOnly(2018, 6, 1));
            await AssertSpanAsync(host, at, knownAsOf, expected, heldDates, new DateOnly(2017, 6, 1), new DateOnly(2019, 6, 1));
            await AssertCodeSetAsync(host, at, knownAsOf, expected, new DateOnly(2018, 6, 1));
            await AssertFhirAsync(host, at, knownAsOf);
            await AssertTranslateAsync(host, at, knownAsOf, expected);
        }

        // The correction changed the span: the revised codes' rows differ between the two states (else the test above could not tell them apart).
        var spanBefore = await SpanJsonAsync(host, after2018, "2017-06-01", "2018-06-01");
        var spanAfter = await SpanJsonAsync(host, afterCorrection, "2017-06-01", "2018-06-01");
        Assert.NotEqual(Canonical(KnownAtExpectations.WithoutKnown(spanBefore)), Canonical(KnownAtExpectations.WithoutKnown(spanAfter)));

        // A release's changes as it stood then: before the correction the original file's, after it the corrected file's,
        // with its correction section (the same as now: the same two files); each says which state answered.
        var catalog = host.Get<ReleaseCatalog>();
        var original2018Then = await KnownAtExpectations.ReleaseChangesAsync(catalog, Effective2018, after2018);
        AssertSaysKnown(original2018Then, after2018, original.PublishedAt!.Value);
        Assert.Null(original2018Then["correction"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(ChangesJson(snapshot2017, snapshot2018)), KnownAtExpectations.WithoutKnown(original2018Then)));
        var corrected2018Then = await KnownAtExpectations.ReleaseChangesAsync(catalog, Effective2018, afterCorrection);
        AssertSaysKnown(corrected2018Then, afterCorrection, corrected.PublishedAt!.Value);
        var now = JsonNode.Parse((await catalog.FileAsync((await catalog.ChangesAsync("hcpcs", "2018-01-01", "json", CancellationToken.None)).Value!, CancellationToken.None)).Value!.Content)!.AsObject();
        Assert.Null(now["knownAt"]);
        Assert.NotNull(now["correction"]);
        Assert.True(JsonNode.DeepEquals(now, KnownAtExpectations.WithoutKnown(corrected2018Then)), "known at an instant after the correction, its document is today's");
        Assert.True(now.Remove("correction"));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(ChangesJson(snapshot2017, snapshotCorrected)), now));
        var changes2019Then = await KnownAtExpectations.ReleaseChangesAsync(catalog, Effective2019, after2019);
        AssertSaysKnown(changes2019Then, after2019, published2019.PublishedAt!.Value);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(ChangesJson(snapshotCorrected, snapshot2019)), KnownAtExpectations.WithoutKnown(changes2019Then)));
        Assert.NotEqual(ChangesJson(snapshot2017, snapshot2018), ChangesJson(snapshot2017, snapshotCorrected));
        var csvThen = await catalog.FileAsync((await catalog.ChangesAsync("hcpcs", "2018-01-01", "csv", after2018, CancellationToken.None)).Value!, CancellationToken.None);
        Assert.Equal(ChangeReportTable.ToCsvFile(ReleaseDiff.Compare(snapshot2017, snapshot2018)), csvThen.Value!.Content);

        // A downloaded file says in its name which state it holds.
        var stamp = after2018.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"hcpcs-2018-01-01-changes-known-at-{stamp}.csv", csvThen.Value.FileName);
        var spanCsv = await host.Get<ChangeSpans>().ChangesAsync("hcpcs", "2017-06-01", "2018-06-01", "xlsx", null, after2018.ToString("O"), CancellationToken.None);
        Assert.Equal($"hcpcs-changes-2017-06-01-to-2018-06-01-known-at-{stamp}.xlsx", spanCsv.Value!.FileName);
        var codeSetCsv = await host.Get<CodeSets>().CodeSetAsync("hcpcs", "2018-06-01", "csv", null, after2018.ToString("O"), CancellationToken.None);
        Assert.Equal($"hcpcs-code-set-2018-06-01-known-at-{stamp}.csv", codeSetCsv.Value!.FileName);
        Assert.Equal("hcpcs-code-set-2018-06-01.csv", (await host.Get<CodeSets>().CodeSetAsync("hcpcs", "2018-06-01", "csv", null, null, CancellationToken.None)).Value!.FileName);

        // Nothing for that date was published by then: 404 naming the instant.
        var notYet = await catalog.ChangesAsync("hcpcs", "2019-01-01", "json", afterCorrection, CancellationToken.None);
        Assert.Equal(RefusalKind.NotFound, notYet.Refusal?.Kind);
        Assert.Contains($"was published by {afterCorrection:O}", notYet.Refusal!.Detail, StringComparison.Ordinal);
        Assert.Equal(RefusalKind.NotFound, (await catalog.ChangesAsync("hcpcs", "2017-01-01", "json", beforeAny, CancellationToken.None)).Refusal?.Kind);
        Assert.Equal(RefusalKind.NotFound, (await host.Get<ChangeSpans>().ChangesAsync("hcpcs", "2017-06-01", "2018-06-01", null, null, beforeAny.ToString("O"), CancellationToken.None)).Refusal?.Kind);
        Assert.Equal(RefusalKind.NotFound, (await host.Get<CodeSets>().CodeSetAsync("hcpcs", "2018-06-01", null, null, beforeAny.ToString("O"), CancellationToken.None)).Refusal?.Kind);
        var fhirBefore = await host.Get<FhirTerminology>().LookupAsync(FhirQuery("system", CodeSystem.Hcpcs.Url(), "code", Correction.Revised[0], "knownAt", beforeAny.ToString("O")), CancellationToken.None);
        Assert.Equal(404, fhirBefore.Status);
    }

    [Fact]
    public async Task A_bad_instant_is_refused_on_every_route_naming_it_and_changes_nothing()
    {
        await using var host = await IngestionHost.StartAsync(azurite);
        await Drop(host, "hcpcs/excerpt-2018.txt", CmsFiles.Excerpt(CmsFiles.Txt2018, 30));
        var state = await host.DumpStateAsync();
        var spans = host.Get<ChangeSpans>();
        var codeSets = host.Get<CodeSets>();
        var fhir = host.Get<FhirTerminology>();
        var releases = new ReleaseFunctions(host.Get<ReleaseCatalog>());

        foreach (var bad in KnownAtExpectations.BadInstants)
        {
            var refusals = new[]
            {
                (await spans.ChangesAsync("hcpcs", "2017-06-01", "2018-06-01", null, null, bad, CancellationToken.None)).Refusal,
                (await spans.ChangesAsync("hcpcs", "2017-06-01", "2018-06-01", null, bad, "text/plain", Encoding.UTF8.GetBytes("A0021\n"), CancellationToken.None)).Refusal,
                (await codeSets.CodeSetAsync("hcpcs", "2018-06-01", null, null, bad, CancellationToken.None)).Refusal,
            };
            foreach (var refusal in refusals)
            {
                Assert.Equal(RefusalKind.Invalid, refusal?.Kind);
                Assert.Equal(Expected(bad), refusal!.Detail);
            }

            var http = new DefaultHttpContext();
            http.Request.QueryString = QueryString.Create("knownAt", bad);
            var problem = Assert.IsType<ProblemHttpResult>((await releases.Changes(http.Request, "hcpcs", "2018-01-01", CancellationToken.None)).Result);
            Assert.Equal((400, Expected(bad)), (problem.StatusCode, problem.ProblemDetails.Detail));

            var outcomes = new[]
            {
                await fhir.LookupAsync(FhirQuery("system", CodeSystem.Hcpcs.Url(), "code", "A0021", "knownAt", bad), CancellationToken.None),
                await fhir.ValidateCodeAsync(FhirQuery("url", CodeSystem.Hcpcs.Url(), "code", "A0021", "knownAt", bad), false, CancellationToken.None),
                await fhir.ValidateCodeAsync(FhirQuery("url", CodeSystem.Hcpcs.AllCodesValueSet(), "code", "A0021", "knownAt", bad), true, CancellationToken.None),
            };
            foreach (var outcome in outcomes)
            {
                Assert.Equal(400, outcome.Status);
                Assert.Equal(Expected(bad), Assert.Single(Assert.IsType<OperationOutcome>(outcome.Resource).Issue).Diagnostics);
            }
        }

        Assert.Equal(state, await host.DumpStateAsync());
    }

    /// <summary>The span's JSON known at <paramref name="at"/> is <see cref="SpanDiff"/> over the versions of the releases held then, and says which state answered.</summary>
    private static async Task AssertSpanAsync(IngestionHost host, DateTimeOffset at, DateTimeOffset knownAsOf, IVersionIndex expected, DateOnly[] held, DateOnly from, DateOnly to)
    {
        var json = await SpanJsonAsync(host, at, IsoDate.Format(from), IsoDate.Format(to));
        AssertSaysKnown(json, at, knownAsOf);
        var computed = SpanDiff.Compute(expected, CodeSystem.Hcpcs, from, to, held, null);
        Assert.NotEmpty(computed.Changes);
        Assert.Equal(Canonical(JsonSerializer.SerializeToNode(computed, WebJson.Options)!), Canonical(KnownAtExpectations.WithoutKnown(json)));

        // A code list posted gets the same rows for its codes.
        var listed = Correction.Revised.Take(5).Append(Correction.Deleted).Append(Correction.Added).ToArray();
        var answer = await host.Get<ChangeSpans>().ChangesAsync(
            "hcpcs", IsoDate.Format(from), IsoDate.Format(to), null, at.ToString("O"), "text/plain", Encoding.UTF8.GetBytes(string.Join('\n', listed)), CancellationToken.None);
        var posted = await ReadAsync(answer);
        AssertSaysKnown(posted, at, knownAsOf);
        var codes = CodeList.Parse("text/plain", Encoding.UTF8.GetBytes(string.Join('\n', listed))).Value!;
        Assert.Equal(Canonical(JsonSerializer.SerializeToNode(SpanDiff.Compute(expected, CodeSystem.Hcpcs, from, to, held, codes), WebJson.Options)!), Canonical(KnownAtExpectations.WithoutKnown(posted)));
    }

    private static async Task AssertCodeSetAsync(IngestionHost host, DateTimeOffset at, DateTimeOffset knownAsOf, IVersionIndex expected, DateOnly date)
    {
        foreach (var status in new[] { CodeSets.ValidOnly, CodeSets.AnyStatus })
        {
            var answer = await host.Get<CodeSets>().CodeSetAsync("hcpcs", IsoDate.Format(date), null, status, at.ToString("O"), CancellationToken.None);
            var json = await ReadAsync(answer);
            AssertSaysKnown(json, at, knownAsOf);
            var computed = new CodeSetDocument("hcpcs", date, status, CodeSets.Rows(expected, CodeSystem.Hcpcs, date, status == CodeSets.ValidOnly));
            Assert.Equal(Canonical(JsonSerializer.SerializeToNode(computed, WebJson.Options)!), Canonical(KnownAtExpectations.WithoutKnown(json)));
        }
    }

    /// <summary>$lookup and $validate-code with knownAt (as a query value and as a POSTed valueDateTime) answer as the JSON lookup with knownAt.</summary>
    private static async Task AssertFhirAsync(IngestionHost host, DateTimeOffset at, DateTimeOffset knownAsOf)
    {
        var fhir = host.Get<FhirTerminology>();
        var lookup = host.Get<CodeLookup>();
        foreach (var code in Correction.Revised.Take(4).Append(Correction.Deleted).Append(Correction.Added))
        {
            var json = await lookup.AnswerAsync("hcpcs", code, "2018-06-01", at.ToString("O"), CancellationToken.None);
            var fhirLookup = await fhir.LookupAsync(FhirQuery("system", CodeSystem.Hcpcs.Url(), "code", code, "date", "2018-06-01", "knownAt", at.ToString("O")), CancellationToken.None);
            var posted = new Parameters();
            posted.Add("url", new FhirUri(CodeSystem.Hcpcs.Url()));
            posted.Add("code", new Code(code));
            posted.Add("date", new Date("2018-06-01"));
            posted.Add("knownAt", new FhirDateTime(at));
            var validate = await fhir.ValidateCodeAsync(OperationInput.From(posted), false, CancellationToken.None);
            var output = Assert.IsType<Parameters>(validate.Resource);
            if (!json.Found)
            {
                Assert.Equal(404, fhirLookup.Status);
                Assert.False(((FhirBoolean)Value(output, "result")).Value);
                continue;
            }

            var answer = json.Value;
            var found = Assert.IsType<Parameters>(fhirLookup.Resource);
            Assert.Equal(FhirCodeAnswer.Display(answer), ((FhirString)Value(found, "display")).Value);
            Assert.Equal((at, knownAsOf), (Instant(found, "knownAt"), Instant(found, "knownAsOf")));
            Assert.Equal(answer.KnownAsOf, Instant(found, "knownAsOf"));
            Assert.Equal(answer.Valid, ((FhirBoolean)Value(output, "result")).Value);
            Assert.Equal(answer.Reason, ((FhirString)Value(output, "message")).Value);
            Assert.Equal((at, knownAsOf), (Instant(output, "knownAt"), Instant(output, "knownAsOf")));
        }
    }

    /// <summary>$translate with knownAt: the replacements the code named then, each shown as the JSON lookup showed it then.</summary>
    private static async Task AssertTranslateAsync(IngestionHost host, DateTimeOffset at, DateTimeOffset knownAsOf, IVersionIndex expected)
    {
        var fhir = host.Get<FhirTerminology>();
        var lookup = host.Get<CodeLookup>();
        var serviceDate = new DateOnly(2018, 6, 1);
        var replaced = expected.Codes(CodeSystem.Hcpcs)
            .Select(versions => CodeAnswer.From(versions, serviceDate))
            .Where(a => a.ReplacedBy.Count > 0)
            .Where((_, i) => i % 25 == 0)
            .ToArray();
        Assert.NotEmpty(replaced);
        foreach (var answer in replaced)
        {
            var translated = await fhir.TranslateAsync(
                FhirQuery("system", CodeSystem.Hcpcs.Url(), "code", answer.Code, "date", IsoDate.Format(serviceDate), "knownAt", at.ToString("O")), CancellationToken.None);
            var output = Assert.IsType<Parameters>(translated.Resource);
            Assert.True(((FhirBoolean)Value(output, "result")).Value, answer.Code);
            Assert.Equal((at, knownAsOf), (Instant(output, "knownAt"), Instant(output, "knownAsOf")));
            var concepts = output.Parameter.Where(p => p.Name == "match").Select(p => (Coding)p.Part.Single(part => part.Name == "concept").Value!).ToArray();
            Assert.Equal(answer.ReplacedBy, concepts.Select(c => c.Code));
            foreach (var concept in concepts)
            {
                var then = await lookup.AnswerAsync("hcpcs", concept.Code, IsoDate.Format(serviceDate), at.ToString("O"), CancellationToken.None);
                Assert.Equal(then.Found ? FhirCodeAnswer.Display(then.Value) : null, concept.Display);
            }
        }
    }

    private static void AssertSaysKnown(JsonNode json, DateTimeOffset at, DateTimeOffset knownAsOf)
    {
        Assert.Equal(at, json["knownAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(knownAsOf, json["knownAsOf"]!.GetValue<DateTimeOffset>());
    }

    private static async Task<JsonNode> SpanJsonAsync(IngestionHost host, DateTimeOffset at, string from, string to) =>
        await ReadAsync(await host.Get<ChangeSpans>().ChangesAsync("hcpcs", from, to, null, null, at.ToString("O"), CancellationToken.None));

    private static async Task<JsonNode> ReadAsync(Answer<StreamedFile> answer)
    {
        Assert.True(answer.Found, answer.Refusal?.Detail);
        using var buffer = new MemoryStream();
        await answer.Value.WriteAsync(buffer, CancellationToken.None);
        return JsonNode.Parse(buffer.ToArray())!;
    }

    private static string ChangesJson(ReleaseSnapshot prior, ReleaseSnapshot current) => ChangeReportDocument.From(ReleaseDiff.Compare(prior, current)).ToJson();

    private static ReleaseSnapshot Read(string name, byte[] content) => ReleaseReader.Read(new ReleaseFile(name, content));

    private static OperationInput FhirQuery(params string[] pairs) =>
        OperationInput.FromQuery(pairs.Chunk(2).Select(p => new KeyValuePair<string, string?>(p[0], p[1])));

    private static DataType Value(Parameters output, string name) => Assert.Single(output.Parameter, p => p.Name == name).Value!;

    private static DateTimeOffset Instant(Parameters output, string name) => ((FhirDateTime)Value(output, name)).ToDateTimeOffset(TimeSpan.Zero);

    private static string Expected(string bad) => $"knownAt '{bad}' is not an instant: expected {KnownAtValue.Expected}";

    /// <summary>JSON with every object's members in name order: storage keeps descriptors sorted, the files in their own order.</summary>
    private static string Canonical(JsonNode node) => Sorted(node)?.ToJsonString() ?? "null";

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Sorted).ToArray()),
        _ => node?.DeepClone(),
    };

    private static async Task Drop(IngestionHost host, string name, byte[] content) =>
        Assert.Equal(IngestOutcome.Published, (await host.DropAsync(name, content)).Outcome);
}
