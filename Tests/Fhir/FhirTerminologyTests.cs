using CodeUpdates.Ingestion.Fhir;
using CodeUpdates.Ingestion.Lookup;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Search;
using CodeUpdates.Tests.Support;
using Hl7.Fhir.Model;
using FhirCodeSystem = Hl7.Fhir.Model.CodeSystem;
using Task = System.Threading.Tasks.Task;
using CodeSystem = CodeUpdates.Ingestion.ReleaseFiles.CodeSystem;

namespace CodeUpdates.Tests.Fhir;

/// <summary>The FHIR terminology operations over the real CMS 2017–2019 HCPCS versions, answered in memory.</summary>
public sealed class FhirTerminologyTests(CmsVersions cms) : IClassFixture<CmsVersions>
{
    private const string Hcpcs = FhirCodeSystems.HcpcsUrl;
    private const string AllHcpcs = Hcpcs + FhirCodeSystems.AllCodesSuffix;
    private static readonly DateOnly June2019 = new(2019, 6, 1);

    private FhirTerminology Terminology => new(cms, cms, TimeProvider.System);

    [Fact]
    public async Task Lookup_answers_what_the_json_api_answers_around_each_codes_dates()
    {
        var pairs = CmsDatePairs.Around(cms.Index, 120).ToArray();
        Assert.True(pairs.Length >= 200, $"{pairs.Length} pairs");
        foreach (var (code, date) in pairs)
        {
            var expected = CodeAnswer.From(cms.Index.Find(CodeSystem.Hcpcs, code)!, date);
            var answer = await Terminology.LookupAsync(Query(("system", Hcpcs), ("code", code), ("date", IsoDate.Format(date))), default);

            var output = Assert.IsType<Parameters>(answer.Resource);
            Assert.Equal(200, answer.Status);
            Assert.Equal("HCPCS Level II", Value(output, "name"));
            Assert.Equal(expected.LongDescription, Value(output, "display"));
            Assert.Equal(IsoDate.Format(CodeSystemRelease.InForce(cms.Releases, date)!.Effective), Value(output, "version"));
            var properties = Properties(output);
            Assert.Equal(expected.Valid ? "false" : "true", properties["inactive"].Single());
            Assert.Equal(FhirCodeAnswer.StatusCode(expected.Status), properties["status"].Single());
            Assert.Equal(IsoDate.Format(expected.ValidFrom), properties["validFrom"].Single());
            Assert.Equal(IsoDate.Format(expected.ValidTo), properties.GetValueOrDefault("validTo")?.Single());
            Assert.Equal(expected.ReplacedBy, properties.GetValueOrDefault("replacedBy") ?? []);
            Assert.Equal(expected.ShortDescription, Designation(output, "short"));
        }
    }

    [Fact]
    public async Task Validate_code_result_message_and_display_are_the_json_apis_valid_reason_and_text()
    {
        foreach (var (code, date) in CmsDatePairs.Around(cms.Index, 60))
        {
            var expected = CodeAnswer.From(cms.Index.Find(CodeSystem.Hcpcs, code)!, date);
            var bySystem = await Terminology.ValidateCodeAsync(Query(("url", Hcpcs), ("code", code), ("date", IsoDate.Format(date))), valueSet: false, default);
            var byValueSet = await Terminology.ValidateCodeAsync(Query(("url", AllHcpcs), ("code", code), ("date", IsoDate.Format(date))), valueSet: true, default);

            foreach (var answer in new[] { bySystem, byValueSet })
            {
                var output = Assert.IsType<Parameters>(answer.Resource);
                Assert.Equal(expected.Valid ? "true" : "false", Value(output, "result"));
                Assert.Equal(expected.Reason, Value(output, "message"));
                Assert.Equal(expected.LongDescription, Value(output, "display"));
                Assert.Null(output.Parameter.FirstOrDefault(p => p.Name == "issues"));
            }
        }
    }

    [Fact]
    public async Task A_display_that_is_not_the_text_in_force_is_valid_with_a_warning()
    {
        var (code, date) = FirstValid();
        var text = CodeAnswer.From(cms.Index.Find(CodeSystem.Hcpcs, code)!, date);

        var wrong = await Validate(("url", Hcpcs), ("code", code), ("date", IsoDate.Format(date)), ("display", "Something else entirely"));
        Assert.Equal("true", Value(wrong, "result"));
        var issue = Assert.Single(Assert.IsType<OperationOutcome>(wrong.Parameter.Single(p => p.Name == "issues").Resource).Issue);
        Assert.Equal(OperationOutcome.IssueSeverity.Warning, issue.Severity);
        Assert.Contains("Something else entirely", issue.Diagnostics);
        FhirValidation.AssertValid(wrong);

        // The short text and a different case or spacing are the same display.
        var shortText = await Validate(("url", Hcpcs), ("code", code), ("date", IsoDate.Format(date)), ("display", "  " + text.ShortDescription!.ToLowerInvariant()));
        Assert.Null(shortText.Parameter.FirstOrDefault(p => p.Name == "issues"));
    }

    [Fact]
    public async Task An_unknown_code_is_a_false_result_not_an_error_and_a_404_for_lookup()
    {
        var validation = await Terminology.ValidateCodeAsync(Query(("url", Hcpcs), ("code", "Z9999")), valueSet: false, default);
        Assert.Equal(200, validation.Status);
        Assert.Equal("false", Value((Parameters)validation.Resource, "result"));
        Assert.Contains("Z9999", Value((Parameters)validation.Resource, "message"));
        FhirValidation.AssertValid(validation.Resource);

        var lookup = await Terminology.LookupAsync(Query(("system", Hcpcs), ("code", "Z9999")), default);
        Assert.Equal(404, lookup.Status);
        Assert.Equal(OperationOutcome.IssueType.NotFound, Assert.Single(Assert.IsType<OperationOutcome>(lookup.Resource).Issue).Code);
        FhirValidation.AssertValid(lookup.Resource);
    }

    [Theory]
    [InlineData("date", "2019-13-45", 400)]
    [InlineData("date", "June 2019", 400)]
    [InlineData("system", "http://snomed.info/sct", 404)]
    [InlineData("version", "2016-01-01", 404)]
    public async Task Bad_parameters_are_an_operation_outcome_with_the_specs_status(string name, string value, int status)
    {
        var parameters = new List<(string, string)> { ("system", Hcpcs), ("code", "E0114") };
        parameters.RemoveAll(p => p.Item1 == name);
        parameters.Add((name, value));

        var answer = await Terminology.LookupAsync(Query(parameters.ToArray()), default);

        Assert.Equal(status, answer.Status);
        var issue = Assert.Single(Assert.IsType<OperationOutcome>(answer.Resource).Issue);
        Assert.Equal(OperationOutcome.IssueSeverity.Error, issue.Severity);
        Assert.Contains(value, issue.Diagnostics);
        FhirValidation.AssertValid(answer.Resource);
    }

    [Fact]
    public async Task Coding_and_codeable_concept_validate_like_code_and_system()
    {
        var (code, date) = FirstValid();
        var coding = new Parameters();
        coding.Add("coding", new Coding(Hcpcs, code));
        coding.Add("date", new Date(IsoDate.Format(date)));
        var concept = new Parameters();
        concept.Add("url", new FhirUri(AllHcpcs));
        concept.Add("codeableConcept", new CodeableConcept { Coding = [new Coding("http://loinc.org", "1234-5"), new Coding(Hcpcs, code)] });
        concept.Add("date", new FhirDateTime(IsoDate.Format(date) + "T10:00:00Z"));

        var byCoding = (Parameters)(await Terminology.ValidateCodeAsync(OperationInput.From(coding), valueSet: false, default)).Resource;
        var byConcept = (Parameters)(await Terminology.ValidateCodeAsync(OperationInput.From(concept), valueSet: true, default)).Resource;

        Assert.Equal("true", Value(byCoding, "result"));
        Assert.Equal("true", Value(byConcept, "result"));
        Assert.Equal(Value(byCoding, "display"), Value(byConcept, "display"));
    }

    [Fact]
    public async Task Expand_with_a_filter_returns_exactly_the_codes_the_search_rule_finds()
    {
        var search = CodeSearch.Run(cms.Index, new CodeSearchQuery(CodeSystem.Hcpcs, "wheelchair", June2019, Count: CodeSearchQuery.MaxCount));

        var answer = await Terminology.ExpandAsync(Query(("url", AllHcpcs), ("filter", "wheelchair"), ("date", "2019-06-01")), default);

        var expansion = Assert.IsType<ValueSet>(answer.Resource).Expansion!;
        Assert.Equal(search.Total, expansion.Total);
        Assert.Equal(search.Matches.Select(m => m.Version.Code), expansion.Contains.Select(c => c.Code));
        Assert.All(expansion.Contains, c =>
        {
            Assert.Equal(Hcpcs, c.System);
            Assert.Equal("2019-01-01", c.Version);
            Assert.False(c.Inactive);
        });
        Assert.Equal(
            search.Matches.Select(m => m.Version.Descriptors[DescriptorKind.Long]),
            expansion.Contains.Select(c => c.Display));
        FhirValidation.AssertValid(answer.Resource);
    }

    [Fact]
    public async Task Expand_pages_with_offset_and_count_and_lists_inactive_codes_when_asked()
    {
        var whole = ((ValueSet)(await Terminology.ExpandAsync(Query(("url", AllHcpcs), ("filter", "wheelchair"), ("date", "2019-06-01")), default)).Resource).Expansion!;
        var page = ((ValueSet)(await Terminology.ExpandAsync(Query(("url", AllHcpcs), ("filter", "wheelchair"), ("date", "2019-06-01"), ("offset", "10"), ("count", "5")), default)).Resource).Expansion!;
        Assert.Equal(whole.Total, page.Total);
        Assert.Equal(10, page.Offset);
        Assert.Equal(whole.Contains.Skip(10).Take(5).Select(c => c.Code), page.Contains.Select(c => c.Code));

        // Without a filter, every code of the index: the ones not valid on the date come only when asked for.
        var valid = ((ValueSet)(await Terminology.ExpandAsync(Query(("url", AllHcpcs), ("date", "2019-06-01"), ("count", "0")), default)).Resource).Expansion!;
        var any = ((ValueSet)(await Terminology.ExpandAsync(Query(("url", AllHcpcs), ("date", "2019-06-01"), ("activeOnly", "false")), default)).Resource).Expansion!;
        Assert.Equal(cms.Index.Codes(CodeSystem.Hcpcs).Count, any.Total);
        Assert.True(any.Total > valid.Total, $"{any.Total} codes, {valid.Total} valid");
        Assert.Empty(valid.Contains);
        Assert.Contains(any.Contains, c => c.Inactive == true);
        Assert.All(any.Contains, c => Assert.Equal(!CodeAnswer.From(cms.Index.Find(CodeSystem.Hcpcs, c.Code!)!, June2019).Valid, c.Inactive));

        var bad = await Terminology.ExpandAsync(Query(("url", AllHcpcs), ("count", "-1")), default);
        Assert.Equal(400, bad.Status);
        Assert.Equal(404, (await Terminology.ExpandAsync(Query(("url", "http://loinc.org?fhir_vs")), default)).Status);
    }

    [Fact]
    public async Task Translate_maps_a_deleted_code_to_its_cross_references()
    {
        var (code, replacedBy) = cms.Index.Codes(CodeSystem.Hcpcs)
            .Select(v => (Code: v[^1].Code, v[^1].ReplacedBy, v[^1].ValidTo))
            .Where(c => c.ReplacedBy.Count > 0 && c.ValidTo is not null && c.ReplacedBy.All(r => cms.Index.Find(CodeSystem.Hcpcs, r) is not null))
            .Select(c => (c.Code, c.ReplacedBy))
            .First();

        var answer = await Terminology.TranslateAsync(Query(("system", Hcpcs), ("code", code), ("date", "2019-06-01")), default);

        var output = Assert.IsType<Parameters>(answer.Resource);
        Assert.Equal("true", Value(output, "result"));
        var matches = output.Parameter.Where(p => p.Name == "match").ToArray();
        Assert.Equal(replacedBy, matches.Select(m => ((Coding)m.Part.Single(p => p.Name == "concept").Value!).Code));
        Assert.All(matches, m => Assert.False(string.IsNullOrEmpty(((Coding)m.Part.Single(p => p.Name == "concept").Value!).Display)));
        FhirValidation.AssertValid(output);

        var (_, date) = FirstValid();
        var unreplaced = cms.Index.Codes(CodeSystem.Hcpcs).First(v => v[^1].ReplacedBy.Count == 0)[0].Code;
        var none = (Parameters)(await Terminology.TranslateAsync(Query(("system", Hcpcs), ("code", unreplaced), ("date", IsoDate.Format(date))), default)).Resource;
        Assert.Equal("false", Value(none, "result"));
    }

    [Fact]
    public async Task A_pinned_version_answers_as_of_its_effective_date_and_knows_only_its_codes()
    {
        // A code first seen in the 2019 release is not in the 2018 version.
        var added2019 = cms.Index.Codes(CodeSystem.Hcpcs).First(v => v[0].Release == new DateOnly(2019, 1, 1))[0].Code;

        var in2018 = (Parameters)(await Terminology.ValidateCodeAsync(Query(("url", Hcpcs), ("code", added2019), ("version", "2018-01-01")), valueSet: false, default)).Resource;
        var in2019 = (Parameters)(await Terminology.ValidateCodeAsync(Query(("url", Hcpcs), ("code", added2019), ("version", "2019-01-01")), valueSet: false, default)).Resource;

        Assert.Equal("false", Value(in2018, "result"));
        Assert.Contains("release 2018-01-01", Value(in2018, "message"));
        Assert.Equal(CodeAnswer.From(cms.Index.Find(CodeSystem.Hcpcs, added2019)!, new DateOnly(2019, 1, 1)).Valid ? "true" : "false", Value(in2019, "result"));
    }

    [Fact]
    public async Task Each_loaded_release_is_a_code_system_version_and_metadata_lists_them()
    {
        var search = Assert.IsType<Bundle>((await Terminology.SearchCodeSystemsAsync(Hcpcs, null, "http://127.0.0.1/api/fhir", default)).Resource);
        Assert.Equal(["2017-01-01", "2018-01-01", "2019-01-01"], search.Entry.Select(e => ((FhirCodeSystem)e.Resource!).Version));
        Assert.All(search.Entry, e =>
        {
            var codeSystem = (FhirCodeSystem)e.Resource!;
            Assert.Equal(CodeSystemContentMode.NotPresent, codeSystem.Content);
            Assert.Equal(cms.Releases.Single(r => r.Version == codeSystem.Version).Codes, codeSystem.Count);
            Assert.Equal($"http://127.0.0.1/api/fhir/CodeSystem/{codeSystem.Id}", e.FullUrl);
        });
        FhirValidation.AssertValid(search);
        Assert.Empty(((Bundle)(await Terminology.SearchCodeSystemsAsync("http://loinc.org", null, "http://x", default)).Resource).Entry);

        var read = await Terminology.ReadCodeSystemAsync("hcpcs-2018-01-01", default);
        Assert.Equal("2018-01-01", Assert.IsType<FhirCodeSystem>(read.Resource).Version);
        Assert.Equal(404, (await Terminology.ReadCodeSystemAsync("hcpcs-2016-01-01", default)).Status);

        var statement = Assert.IsType<CapabilityStatement>((await Terminology.MetadataAsync(null, "http://127.0.0.1/api/fhir", default)).Resource);
        Assert.Equal(FHIRVersion.N4_0_1, statement.FhirVersion);
        Assert.Equal(
            ["CodeSystem:lookup", "CodeSystem:validate-code", "ValueSet:expand", "ValueSet:validate-code", "ConceptMap:translate"],
            statement.Rest[0].Resource.SelectMany(r => r.Operation.Select(o => $"{r.Type}:{o.Name}")));
        FhirValidation.AssertValid(statement);

        var terminology = Assert.IsType<TerminologyCapabilities>((await Terminology.MetadataAsync("terminology", "http://127.0.0.1/api/fhir", default)).Resource);
        var hcpcs = terminology.CodeSystem.Single(c => c.Uri == Hcpcs);
        Assert.Equal(["2017-01-01", "2018-01-01", "2019-01-01"], hcpcs.Version.Select(v => v.Code));
        Assert.True(hcpcs.Version[^1].IsDefault);
        Assert.Empty(terminology.CodeSystem.Single(c => c.Uri == FhirCodeSystems.CptUrl).Version);
        FhirValidation.AssertValid(terminology);
    }

    [Fact]
    public async Task Lookup_and_validation_answers_are_valid_r4()
    {
        foreach (var (code, date) in CmsDatePairs.Around(cms.Index, 4))
        {
            FhirValidation.AssertValid((await Terminology.LookupAsync(Query(("system", Hcpcs), ("code", code), ("date", IsoDate.Format(date))), default)).Resource);
            FhirValidation.AssertValid((await Terminology.ValidateCodeAsync(Query(("url", AllHcpcs), ("code", code), ("date", IsoDate.Format(date))), valueSet: true, default)).Resource);
        }
    }

    [Fact]
    public void Json_and_xml_are_the_sdks_and_a_posted_body_reads_back()
    {
        var parameters = new Parameters();
        parameters.Add("code", new Code("E0114"));
        var json = FhirWire.Serialize(parameters, FhirWire.Choose("json", null));
        var xml = FhirWire.Serialize(parameters, FhirWire.Choose(null, "application/fhir+xml"));

        Assert.StartsWith(FhirWire.JsonType, json.ContentType);
        Assert.StartsWith(FhirWire.XmlType, xml.ContentType);
        Assert.True(FhirWire.TryReadParameters(System.Text.Encoding.UTF8.GetString(json.Content), "application/fhir+json", out var fromJson, out _));
        Assert.True(FhirWire.TryReadParameters(System.Text.Encoding.UTF8.GetString(xml.Content), "application/fhir+xml", out var fromXml, out _));
        Assert.Equal("E0114", OperationInput.From(fromJson).Text("code"));
        Assert.Equal("E0114", OperationInput.From(fromXml).Text("code"));
        Assert.False(FhirWire.TryReadParameters("{\"resourceType\":\"Patient\"}", "application/fhir+json", out _, out var notParameters));
        Assert.Equal(400, notParameters.Status);
        Assert.False(FhirWire.TryReadParameters("{ not json", "application/fhir+json", out _, out var broken));
        Assert.Equal(400, broken.Status);
    }

    [Theory]
    [InlineData("application/fhir+xml")]
    [InlineData("application/fhir+json")]
    public void A_body_nested_20000_levels_is_refused_before_the_sdk_reads_it(string contentType)
    {
        // The SDK's deserializers recurse per level: this depth overflowed the stack and ended the process.
        const int levels = 20_000;
        var body = new System.Text.StringBuilder();
        if (contentType.EndsWith("xml", StringComparison.Ordinal))
        {
            body.Append("<Parameters xmlns=\"http://hl7.org/fhir\"><parameter><name value=\"a\"/>");
            body.Insert(body.Length, "<part><name value=\"a\"/>", levels);
            body.Insert(body.Length, "</part>", levels);
            body.Append("</parameter></Parameters>");
        }
        else
        {
            body.Append("{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"a\"");
            body.Insert(body.Length, ",\"part\":[{\"name\":\"a\"", levels);
            body.Insert(body.Length, "}]", levels);
            body.Append("}]}");
        }

        Assert.False(FhirWire.TryReadParameters(body.ToString(), contentType, out _, out var error));

        Assert.Equal(400, error.Status);
        Assert.Contains($"nested deeper than {FhirWire.MaxDepth}", Assert.IsType<OperationOutcome>(error.Resource).Issue[0].Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_parameter_of_at_most_one_value_given_twice_is_refused_by_every_operation()
    {
        var twice = Query(("system", Hcpcs), ("url", Hcpcs), ("code", "E0114"), ("code", "A0021"));
        var answers = new[]
        {
            await Terminology.LookupAsync(twice, default),
            await Terminology.ValidateCodeAsync(twice, valueSet: false, default),
            await Terminology.TranslateAsync(twice, default),
            await Terminology.ExpandAsync(Query(("url", AllHcpcs), ("count", "5"), ("count", "6")), default),
        };

        Assert.All(answers, a => Assert.Equal(400, a.Status));
        Assert.Contains("'code'", ((OperationOutcome)answers[0].Resource).Issue[0].Diagnostics, StringComparison.Ordinal);
        Assert.Contains("'count'", ((OperationOutcome)answers[3].Resource).Issue[0].Diagnostics, StringComparison.Ordinal);
    }

    private (string Code, DateOnly Date) FirstValid() =>
        CmsDatePairs.Around(cms.Index, 200).First(p => CodeAnswer.From(cms.Index.Find(CodeSystem.Hcpcs, p.Code)!, p.Date) is { Valid: true, ShortDescription: not null } a
            && a.ShortDescription != a.LongDescription);

    private async Task<Parameters> Validate(params (string Name, string Value)[] query) =>
        (Parameters)(await Terminology.ValidateCodeAsync(Query(query), valueSet: false, default)).Resource;

    private static OperationInput Query(params (string Name, string Value)[] query) =>
        OperationInput.FromQuery(query.Select(q => new KeyValuePair<string, string?>(q.Name, q.Value)));

    internal static string? Value(Parameters output, string name) => OperationInput.From(output).Text(name);

    internal static Dictionary<string, string[]> Properties(Parameters output) =>
        output.Parameter.Where(p => p.Name == "property")
            .Select(p => (Code: p.Part.Single(x => x.Name == "code").Value!.ToString()!, Value: Text(p.Part.Single(x => x.Name == "value").Value!)))
            .GroupBy(p => p.Code)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Value).ToArray());

    internal static string? Designation(Parameters output, string use) =>
        output.Parameter.Where(p => p.Name == "designation")
            .Where(p => ((Coding)p.Part.Single(x => x.Name == "use").Value!).Code == use)
            .Select(p => p.Part.Single(x => x.Name == "value").Value!.ToString())
            .SingleOrDefault();

    private static string Text(DataType value) => value is FhirBoolean b ? (b.Value == true ? "true" : "false") : value.ToString()!;
}
