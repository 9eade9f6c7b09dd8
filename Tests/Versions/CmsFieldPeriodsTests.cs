using System.Text.Json;
using CodeUpdates.Ingestion.Answers;
using CodeUpdates.Ingestion.Lookup;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.ReleaseFiles.Hcpcs;
using CodeUpdates.Ingestion.Versions;
using CodeUpdates.Tests.ReleaseFiles;
using CodeUpdates.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace CodeUpdates.Tests.Versions;

/// <summary>
/// The CMS fields a lookup answers with (DESIGN.md "HTTP API", last bullet) on the real CMS 2017, 2018 and
/// 2019 .txt files and the October 2025 .xlsx: the fields of the latest release on or before the date that
/// has the code (else of the first that has it), worked out here from the snapshots themselves.
/// </summary>
public sealed class CmsFieldPeriodsTests(CmsFieldReleases cms) : IClassFixture<CmsFieldReleases>
{
    /// <summary>The fields the issue names, as the CMS record layout names them.</summary>
    private static readonly string[] LookupNames =
    [
        "COV", "PRICE1", "PRICE2", "PRICE3", "PRICE4", "MULT_PI", "BETOS", "TOS1", "TOS2", "TOS3", "TOS4", "TOS5", "ASC_GRP", "ASC_DT",
        "LABCERT1", "LABCERT2", "LABCERT3", "LABCERT4", "LABCERT5", "LABCERT6", "LABCERT7", "LABCERT8", "STATUTE",
    ];

    [Fact]
    public async Task Fields_that_changed_without_the_text_are_answered_release_by_release_on_dates_in_each_span()
    {
        var lookup = new CodeLookup(cms, new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        var changed = FieldOnlyChanges();
        // The real files hold hundreds of such codes (BETOS, pricing and coverage moved without a word changing).
        Assert.True(changed.Count >= 20, $"only {changed.Count} codes changed fields without text");

        var answered = 0;
        foreach (var code in changed)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var date in SpanDates())
            {
                var answer = await lookup.AnswerAsync("hcpcs", code, IsoDate.Format(date), CancellationToken.None);
                Assert.True(answer.Found, $"{code} on {date}");
                var json = JsonSerializer.SerializeToElement(answer.Value, WebJson.Options);
                var fields = json.GetProperty("cmsFields").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
                Assert.Equal(Show(Expected(code, date)), Show(fields));
                seen.Add(Show(fields));
                answered++;
            }

            Assert.True(seen.Count >= 2, $"{code} answered one field set on every date");
        }

        Assert.True(answered > 0);
    }

    [Fact]
    public void Every_code_on_every_span_date_answers_the_fields_of_the_latest_release_that_has_it()
    {
        foreach (var (code, versions) in cms.Versions)
        {
            foreach (var date in SpanDates())
            {
                var answer = CodeAnswer.From(versions, date);
                Assert.Equal(Show(Expected(code, date)), Show(answer.CmsFields!));
            }
        }
    }

    [Fact]
    public void The_statements_and_the_version_rows_keep_the_field_periods_of_the_full_recompute_and_the_text_periods_stay_as_they_were()
    {
        // Out of order, saved and read back after each release, as ingests do.
        var statements = new ReleaseStatements(CodeSystem.Hcpcs);
        foreach (var snapshot in new[] { cms.Snapshots[2], cms.Snapshots[3], cms.Snapshots[0], cms.Snapshots[1] })
        {
            statements.Apply(snapshot);
            statements = ReleaseStatements.FromDocument(JsonSerializer.Deserialize<ReleaseStatementsDocument>(
                JsonSerializer.Serialize(statements.ToDocument(), ReleaseStatementsStore.Json), ReleaseStatementsStore.Json)!);
        }

        // The text periods of releases stripped of every administrative field: what versions were before they carried fields.
        var withoutFields = CodeTimeline.BuildAll(cms.Snapshots.Select(s => new ReleaseSnapshot(
                s.Identity, s.DescriptorKinds, s.Codes.Select(c => c with { Administrative = new Dictionary<string, string>() })))
            .ToArray()).ToDictionary(v => v[0].Code, StringComparer.Ordinal);

        Assert.Equal(cms.Versions.Keys.Order(StringComparer.Ordinal), statements.Codes);
        foreach (var code in statements.Codes)
        {
            var rows = statements.Versions(code)
                .Select(v => VersionStore.FromEntity(CodeSystem.Hcpcs, VersionStore.ToEntity(v)))
                .OrderBy(v => v.Start)
                .ToArray();
            Assert.Equal(cms.Versions[code].Select(Describe), rows.Select(Describe));
            Assert.Equal(withoutFields[code].Select(DescribeText), rows.Select(DescribeText));
        }
    }

    [Fact]
    public void The_txt_and_xlsx_readers_give_the_same_cms_fields_under_the_layout_names()
    {
        // Where CMS's own .txt and .xlsx of 2019 disagree (two codes' TOS4, see HcpcsCmsFilesTests), the readers do too.
        foreach (var (txt, xlsx, disagree) in new[]
        {
            (HcpcsTestData.Txt2017, HcpcsTestData.Xlsx2017, string.Empty),
            (HcpcsTestData.Txt2018, HcpcsTestData.Xlsx2018, string.Empty),
            (HcpcsTestData.Txt2019, HcpcsTestData.Xlsx2019, "TOS4=2"),
        })
        {
            var fromXlsx = HcpcsTestData.Read(xlsx).ByCode();
            var keysTxt = new SortedSet<string>(StringComparer.Ordinal);
            var keysXlsx = new SortedSet<string>(StringComparer.Ordinal);
            var disagreements = new SortedDictionary<string, int>(StringComparer.Ordinal);
            foreach (var record in HcpcsTestData.Read(txt).Codes)
            {
                var t = CmsFields.Of(record.Administrative);
                var x = CmsFields.Of(fromXlsx[record.Code].Administrative);
                keysTxt.UnionWith(t.Keys);
                keysXlsx.UnionWith(x.Keys);
                foreach (var name in t.Keys.Union(x.Keys).Where(n => t.GetValueOrDefault(n) != x.GetValueOrDefault(n)))
                {
                    disagreements[name] = disagreements.GetValueOrDefault(name) + 1;
                }
            }

            Assert.Equal(disagree, string.Join("; ", disagreements.Select(d => $"{d.Key}={d.Value}")));
            // Only a field the two files disagree on (2019's TOS4 is stated by the .xlsx alone) may be named by one reader only.
            Assert.Equal(keysTxt.Except(disagreements.Keys), keysXlsx.Except(disagreements.Keys));
        }

        Assert.Equal(LookupNames.Order(StringComparer.Ordinal), CmsFields.Names.Order(StringComparer.Ordinal));
        Assert.All(CmsFields.Names, name => Assert.Contains(name, HcpcsFields.Names));

        // Each kind of field is stated by real files under that name, in the .txt and in the .xlsx alike.
        foreach (var file in new[] { HcpcsTestData.Txt2019, HcpcsTestData.Xlsx2025 })
        {
            var stated = HcpcsTestData.Read(file).Codes.SelectMany(c => CmsFields.Of(c.Administrative).Keys).ToHashSet(StringComparer.Ordinal);
            Assert.All(new[] { "COV", "PRICE1", "MULT_PI", "BETOS", "TOS1", "ASC_GRP", "ASC_DT", "LABCERT1", "STATUTE" }, name => Assert.Contains(name, stated));
        }
    }

    [Fact]
    public async Task Cpt_answers_and_version_rows_carry_no_cms_fields()
    {
        var snapshots = new[] { 2025, 2026 }
            .Select(year => ReleaseReader.Read(new ReleaseFile($"cpt-{year}.zip", CptFixtures.Zip(year)), CodeSystem.Cpt, new DateOnly(year, 1, 1)))
            .ToArray();
        var versions = CodeTimeline.BuildAll(snapshots).ToArray();
        var index = new VersionIndex(new Dictionary<CodeSystem, SystemVersions> { [CodeSystem.Cpt] = new("cpt", versions) });
        var lookup = new CodeLookup(new StaticVersions(index), new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero)));

        Assert.NotEmpty(versions);
        foreach (var code in versions.Select(v => v[0].Code).Take(50))
        {
            var answer = await lookup.AnswerAsync("cpt", code, "2026-02-01", CancellationToken.None);
            Assert.True(answer.Found, code);
            var json = JsonSerializer.SerializeToElement(answer.Value, WebJson.Options);
            Assert.True(json.TryGetProperty("longDescription", out _));
            Assert.False(json.TryGetProperty("cmsFields", out _), $"CPT {code} answered cmsFields");
        }

        Assert.All(versions.SelectMany(v => v), v => Assert.False(VersionStore.ToEntity(v).ContainsKey("CmsFields")));
    }

    /// <summary>Codes whose CMS fields differ between two consecutive releases that both have them with the same text.</summary>
    private List<string> FieldOnlyChanges()
    {
        var changed = new List<string>();
        foreach (var code in cms.Versions.Keys)
        {
            for (var r = 1; r < cms.Snapshots.Count; r++)
            {
                if (cms.Snapshots[r - 1].Find(code) is { } before && cms.Snapshots[r].Find(code) is { } after
                    && before.Descriptors.Count == after.Descriptors.Count
                    && before.Descriptors.All(d => after.Descriptors.TryGetValue(d.Key, out var text) && text == d.Value)
                    && Show(FieldsOf(before)) != Show(FieldsOf(after)))
                {
                    changed.Add(code);
                    break;
                }
            }
        }

        return changed;
    }

    /// <summary>The first and last day of each release's span, and a day before the first release.</summary>
    private IEnumerable<DateOnly> SpanDates()
    {
        yield return cms.Snapshots[0].Identity.Effective.AddYears(-1);
        for (var r = 0; r < cms.Snapshots.Count; r++)
        {
            yield return cms.Snapshots[r].Identity.Effective;
            yield return r + 1 < cms.Snapshots.Count ? cms.Snapshots[r + 1].Identity.Effective.AddDays(-1) : cms.Snapshots[r].Identity.Effective.AddYears(1);
        }
    }

    private Dictionary<string, string> Expected(string code, DateOnly date)
    {
        var having = cms.Snapshots.Where(s => s.Contains(code)).ToArray();
        var release = having.LastOrDefault(s => s.Identity.Effective <= date) ?? having[0];
        return FieldsOf(release.Find(code)!);
    }

    private static Dictionary<string, string> FieldsOf(CodeRecord record) =>
        record.Administrative.Where(f => LookupNames.Contains(f.Key) && !string.IsNullOrWhiteSpace(f.Value)).ToDictionary(StringComparer.Ordinal);

    private static string Show(IReadOnlyDictionary<string, string> fields) =>
        string.Join(" ", fields.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => f.Key + "=" + f.Value));

    private static string DescribeText(CodeVersion v) =>
        $"{v.Kind} {v.Start} {v.End} {v.Release} {v.ValidFrom} {v.ValidTo} {v.TerminationDate} [{string.Join(",", v.ReplacedBy)}] " +
        string.Join("|", v.Descriptors.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => d.Key + "=" + d.Value));

    private static string Describe(CodeVersion v) =>
        DescribeText(v) + " fields " + string.Join(" / ", v.FieldPeriods.Select(p => $"{p.Start}: {string.Join(",", p.Fields.Select(f => f.Key + "=" + f.Value))}"));

    private sealed class StaticVersions(IVersionIndex index) : IVersionSource
    {
        public ValueTask<IVersionIndex> GetAsync(CancellationToken cancellationToken) => ValueTask.FromResult(index);
    }
}
