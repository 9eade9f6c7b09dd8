using System.Text.Json.Nodes;
using CodeUpdates.Ingestion.Fhir;
using CodeUpdates.Ingestion.Lookup;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Tests.Support;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Utility;
using FhirCodeSystem = Hl7.Fhir.Model.CodeSystem;
using Task = System.Threading.Tasks.Task;
using CodeSystem = CodeUpdates.Ingestion.ReleaseFiles.CodeSystem;

// Firely's model marks every element nullable; these tests read what they assert on, and a null there fails the test as surely.
#nullable disable warnings

namespace CodeUpdates.Tests.Fhir;

/// <summary>
/// What the HL7 terminology ecosystem requires of a server (DESIGN.md "Ready for the HL7 terminology ecosystem"),
/// answered in memory over the real CMS 2017–2019 HCPCS releases; every resource checked against base R4.
/// </summary>
public sealed class FhirEcosystemTests(CmsVersions cms) : IClassFixture<CmsVersions>
{
    private const string Hcpcs = FhirCodeSystems.HcpcsUrl;
    private const string HcpcsHttps = "https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets";
    private const string AllHcpcs = Hcpcs + FhirCodeSystems.AllCodesSuffix;
    private const string Base = "https://codes.example.org/api/fhir";
    private const string TxIssueType = "http://hl7.org/fhir/tools/CodeSystem/tx-issue-type";

    private FhirTerminology Terminology => new(cms, cms, TimeProvider.System);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Metadata_instantiates_the_terminology_server_and_states_its_security_operations_and_features(bool signIn)
    {
        var statement = Assert.IsType<CapabilityStatement>((await new FhirTerminology(cms, cms, TimeProvider.System, new FhirServerSecurity(signIn)).MetadataAsync(null, Base, default)).Resource);

        Assert.Contains("http://hl7.org/fhir/CapabilityStatement/terminology-server", statement.Instantiates);
        Assert.Equal(FHIRVersion.N4_0_1, statement.FhirVersion);
        var rest = Assert.Single(statement.Rest, r => r.Mode == CapabilityStatement.RestfulCapabilityMode.Server);
        var service = Assert.Single(rest.Security.Service);
        if (signIn)
        {
            Assert.Equal(("http://terminology.hl7.org/CodeSystem/restful-security-service", "OAuth"), (service.Coding.Single().System, service.Coding.Single().Code));
        }
        else
        {
            Assert.Empty(service.Coding);
            Assert.StartsWith("none", service.Text, StringComparison.Ordinal);
        }

        Assert.Equal(["lookup", "validate-code"], Operations(rest, "CodeSystem"));
        Assert.Equal(["expand", "validate-code"], Operations(rest, "ValueSet"));
        Assert.Equal(["translate"], Operations(rest, "ConceptMap"));
        Assert.Equal(["read", "search-type"], Interactions(rest, "ValueSet"));
        Assert.Equal(["read", "search-type"], Interactions(rest, "CodeSystem"));
        Assert.Equal("http://hl7.org/fhir/OperationDefinition/CapabilityStatement-versions", Assert.Single(rest.Operation, o => o.Name == "versions").Definition);
        Assert.Contains(rest.Interaction, i => i.Code == CapabilityStatement.SystemRestfulInteraction.Batch);

        // tx-resource is not accepted: the feature the ecosystem reads says so with value false.
        var feature = Assert.Single(statement.Extension, e => e.Url == "http://hl7.org/fhir/uv/application-feature/StructureDefinition/feature");
        Assert.Equal("http://hl7.org/fhir/uv/tx-ecosystem/FeatureDefinition/CodeSystemAsParameter", ((Canonical)feature.GetExtension("definition").Value).Value);
        Assert.False(((FhirBoolean)feature.GetExtension("value").Value).Value);
        FhirValidation.AssertValid(statement);
    }

    [Fact]
    public async Task Terminology_capabilities_list_every_loaded_release_and_the_expand_parameters_honoured()
    {
        var capabilities = Assert.IsType<TerminologyCapabilities>((await Terminology.MetadataAsync("terminology", Base, default)).Resource);

        var hcpcs = Assert.Single(capabilities.CodeSystem, c => c.Uri == Hcpcs);
        // The three annual files loaded are the three versions, effective each 1 January.
        Assert.Equal(["2017-01-01", "2018-01-01", "2019-01-01"], hcpcs.Version.Select(v => v.Code));
        Assert.Equal(cms.Releases.Select(r => r.Version), hcpcs.Version.Select(v => v.Code));
        Assert.Equal("2019-01-01", Assert.Single(hcpcs.Version, v => v.IsDefault == true).Code);

        var honoured = capabilities.Expansion.Parameter.Select(p => p.Name).ToArray();
        Assert.Superset(new HashSet<string> { "count", "offset", "activeOnly", "system-version", "force-system-version", "check-system-version" }, honoured.ToHashSet());
        Assert.DoesNotContain("tx-resource", honoured);

        // Each parameter listed changes what $expand answers or is echoed by it.
        var expansion = await Expand(("url", AllHcpcs), ("filter", "wheelchair"), ("date", "2019-06-01"), ("activeOnly", "true"), ("offset", "0"), ("count", "3"),
            ("system-version", Hcpcs + "|2018-01-01"), ("check-system-version", Hcpcs + "|2018-01-01"), ("force-system-version", Hcpcs + "|2018-01-01"));
        Assert.Superset(honoured.ToHashSet(), expansion.Parameter.Select(p => p.Name).ToHashSet());
        FhirValidation.AssertValid(capabilities);
    }

    [Theory]
    [InlineData(Hcpcs)]
    [InlineData(HcpcsHttps)]
    public async Task Code_system_search_by_either_spelling_answers_each_release_with_a_link_to_its_page(string url)
    {
        var bundle = Assert.IsType<Bundle>((await Terminology.SearchCodeSystemsAsync(url, null, Base, default)).Resource);

        Assert.Equal(cms.Releases.Select(r => r.Version), bundle.Entry.Select(e => ((FhirCodeSystem)e.Resource).Version));
        foreach (var codeSystem in bundle.Entry.Select(e => (FhirCodeSystem)e.Resource))
        {
            Assert.Equal(Hcpcs, codeSystem.Url);
            Assert.Equal(CodeSystemContentMode.NotPresent, codeSystem.Content);
            Assert.Equal($"https://codes.example.org/releases/hcpcs/{codeSystem.Version}", WebSource(codeSystem));
        }

        var one = Assert.IsType<Bundle>((await Terminology.SearchCodeSystemsAsync(url, "2018-01-01", Base, default)).Resource);
        Assert.Equal("2018-01-01", ((FhirCodeSystem)Assert.Single(one.Entry).Resource).Version);
        var read = Assert.IsType<FhirCodeSystem>((await Terminology.ReadCodeSystemAsync("hcpcs-2018-01-01", Base, default)).Resource);
        Assert.Equal("https://codes.example.org/releases/hcpcs/2018-01-01", WebSource(read));
        FhirValidation.AssertValid(bundle);
        FhirValidation.AssertValid(read);
    }

    [Fact]
    public void Value_set_search_and_read_answer_the_implicit_value_set_of_all_codes()
    {
        foreach (var url in new[] { AllHcpcs, HcpcsHttps + FhirCodeSystems.AllCodesSuffix })
        {
            var found = (ValueSet)Assert.Single(Assert.IsType<Bundle>(Terminology.SearchValueSets(url, null, Base).Resource).Entry).Resource;
            Assert.Equal(AllHcpcs, found.Url);
            Assert.Equal(Hcpcs, Assert.Single(found.Compose.Include).System);
            Assert.Equal("https://codes.example.org/search?system=hcpcs", WebSource(found));
        }

        Assert.Equal(2, Assert.IsType<Bundle>(Terminology.SearchValueSets(null, null, Base).Resource).Entry.Count);
        Assert.Empty(Assert.IsType<Bundle>(Terminology.SearchValueSets("http://loinc.org?fhir_vs", null, Base).Resource).Entry);

        var read = Terminology.ReadValueSet("hcpcs-all", Base);
        Assert.Equal(AllHcpcs, Assert.IsType<ValueSet>(read.Resource).Url);
        Assert.Equal(404, Terminology.ReadValueSet("loinc-all", Base).Status);
        FhirValidation.AssertValid(read.Resource);
        FhirValidation.AssertValid(Terminology.SearchValueSets(null, null, Base).Resource);
    }

    [Fact]
    public void Versions_names_the_fhir_version_spoken_and_the_default()
    {
        var output = Assert.IsType<Parameters>(Terminology.Versions().Resource);

        Assert.Equal("4.0", FhirTerminologyTests.Value(output, "version"));
        Assert.Equal("4.0", FhirTerminologyTests.Value(output, "default"));
        FhirValidation.AssertValid(output);
    }

    [Fact]
    public async Task An_unknown_system_answers_the_ecosystems_errors_unknown_system1_response()
    {
        var request = (Parameters)new FhirJsonDeserializer(new DeserializerSettings()).DeserializeResource(File.ReadAllText(RepoPaths.Fixture("tx-ecosystem/errors-unknown-system1-request.json")));
        var expected = JsonNode.Parse(File.ReadAllText(RepoPaths.Fixture("tx-ecosystem/errors-unknown-system1-response.json")))!;

        var answer = await Terminology.ValidateCodeAsync(OperationInput.From(request), valueSet: true, default);

        Assert.Equal(200, answer.Status);
        EcosystemResponse.AssertMatches(expected, JsonNode.Parse(answer.Resource.ToJson())!);
        FhirValidation.AssertValid(answer.Resource);

        // The same through CodeSystem/$validate-code, and for a coding, whose system is then the element at fault.
        var bySystem = (Parameters)(await Terminology.ValidateCodeAsync(Query(("url", "http://loinc.org"), ("code", "1234-5")), valueSet: false, default)).Resource;
        Assert.Equal("http://loinc.org", FhirTerminologyTests.Value(bySystem, "x-caused-by-unknown-system"));
        var coding = new Parameters();
        coding.Add("url", new FhirUri(AllHcpcs));
        coding.Add("coding", new Coding("http://loinc.org", "1234-5"));
        var byCoding = (Parameters)(await Terminology.ValidateCodeAsync(OperationInput.From(coding), valueSet: true, default)).Resource;
        Assert.Equal("false", FhirTerminologyTests.Value(byCoding, "result"));
        Assert.Equal(["Coding.system"], Issue(byCoding).Expression);
    }

    [Fact]
    public async Task An_unknown_code_in_hcpcs_is_false_with_an_invalid_code_issue()
    {
        Assert.Null(cms.Index.Find(CodeSystem.Hcpcs, "Z9999"));

        var output = (Parameters)(await Terminology.ValidateCodeAsync(Query(("url", HcpcsHttps), ("code", "Z9999"), ("date", "2019-06-01")), valueSet: false, default)).Resource;

        Assert.Equal("false", FhirTerminologyTests.Value(output, "result"));
        Assert.Equal(Hcpcs, FhirTerminologyTests.Value(output, "system"));
        Assert.Equal("2019-01-01", FhirTerminologyTests.Value(output, "version"));
        var issue = Issue(output);
        Assert.Equal(OperationOutcome.IssueType.CodeInvalid, issue.Code);
        Assert.Equal(OperationOutcome.IssueSeverity.Error, issue.Severity);
        Assert.Equal((TxIssueType, "invalid-code"), (issue.Details.Coding.Single().System, issue.Details.Coding.Single().Code));
        Assert.Equal(FhirTerminologyTests.Value(output, "message"), issue.Details.Text);
        Assert.Equal(["code"], issue.Expression);
        FhirValidation.AssertValid(output);
    }

    [Fact]
    public async Task The_https_spelling_is_accepted_everywhere_and_answers_name_the_tho_canonical()
    {
        var (code, date) = Changed();
        var day = IsoDate.Format(date);
        var expected = CodeAnswer.From(cms.Index.Find(CodeSystem.Hcpcs, code)!, date);

        var lookup = (Parameters)(await Terminology.LookupAsync(Query(("system", HcpcsHttps), ("code", code), ("date", day)), default)).Resource;
        var validation = (Parameters)(await Terminology.ValidateCodeAsync(Query(("url", HcpcsHttps), ("code", code), ("date", day)), valueSet: false, default)).Resource;
        var inValueSet = (Parameters)(await Terminology.ValidateCodeAsync(Query(("url", HcpcsHttps + "?fhir_vs"), ("code", code), ("date", day)), valueSet: true, default)).Resource;
        var expansion = await Expand(("url", HcpcsHttps + "?fhir_vs"), ("filter", code), ("date", day));

        Assert.Equal(expected.LongDescription, FhirTerminologyTests.Value(lookup, "display"));
        Assert.Equal(Hcpcs, FhirTerminologyTests.Value(validation, "system"));
        Assert.Equal(Hcpcs, FhirTerminologyTests.Value(inValueSet, "system"));
        Assert.Equal(expected.Valid ? "true" : "false", FhirTerminologyTests.Value(validation, "result"));
        Assert.All(expansion.Contains, c => Assert.Equal(Hcpcs, c.System));
        Assert.Contains(expansion.Contains, c => c.Code == code);
    }

    [Fact]
    public async Task System_version_pins_a_release_force_overrides_the_version_asked_and_check_refuses_another()
    {
        var (code, _) = Changed();
        var versions = cms.Index.Find(CodeSystem.Hcpcs, code)!;
        var text2018 = CodeAnswer.From(versions, new DateOnly(2018, 1, 1)).LongDescription;
        var text2019 = CodeAnswer.From(versions, new DateOnly(2019, 1, 1)).LongDescription;
        Assert.NotEqual(text2018, text2019);

        // Without a date, a pinned release answers as of its effective date.
        var pinned = await Lookup(("system", Hcpcs), ("code", code), ("system-version", HcpcsHttps + "|2018-01-01"));
        Assert.Equal(("2018-01-01", text2018), (FhirTerminologyTests.Value(pinned, "version"), FhirTerminologyTests.Value(pinned, "display")));

        var stated = await Lookup(("system", Hcpcs), ("code", code), ("version", "2019-01-01"), ("system-version", Hcpcs + "|2018-01-01"));
        Assert.Equal(("2019-01-01", text2019), (FhirTerminologyTests.Value(stated, "version"), FhirTerminologyTests.Value(stated, "display")));

        var forced = await Lookup(("system", Hcpcs), ("code", code), ("version", "2019-01-01"), ("force-system-version", Hcpcs + "|2018-01-01"));
        Assert.Equal(("2018-01-01", text2018), (FhirTerminologyTests.Value(forced, "version"), FhirTerminologyTests.Value(forced, "display")));

        var forcedValidation = (Parameters)(await Terminology.ValidateCodeAsync(Query(("url", Hcpcs), ("code", code), ("force-system-version", Hcpcs + "|2018-01-01")), valueSet: false, default)).Resource;
        Assert.Equal(("2018-01-01", text2018), (FhirTerminologyTests.Value(forcedValidation, "version"), FhirTerminologyTests.Value(forcedValidation, "display")));

        // A pin for another server's system is not about HCPCS.
        var elsewhere = await Lookup(("system", Hcpcs), ("code", code), ("date", "2019-06-01"), ("system-version", "http://loinc.org|2.77"));
        Assert.Equal("2019-01-01", FhirTerminologyTests.Value(elsewhere, "version"));

        // check-system-version: the version asked for must be the one it names.
        var coding = new Parameters();
        coding.Add("url", new FhirUri(Hcpcs));
        coding.Add("coding", new Coding(Hcpcs, code) { Version = "2019-01-01" });
        coding.Add("check-system-version", new Canonical(Hcpcs + "|2018-01-01"));
        var refused = (Parameters)(await Terminology.ValidateCodeAsync(OperationInput.From(coding), valueSet: false, default)).Resource;
        Assert.Equal("false", FhirTerminologyTests.Value(refused, "result"));
        var issue = Issue(refused);
        Assert.Equal((TxIssueType, "version-error"), (issue.Details.Coding.Single().System, issue.Details.Coding.Single().Code));
        Assert.Equal(["Coding.version"], issue.Expression);
        FhirValidation.AssertValid(refused);
        var checkedLookup = await Terminology.LookupAsync(Query(("system", Hcpcs), ("code", code), ("version", "2019-01-01"), ("check-system-version", Hcpcs + "|2018-01-01")), default);
        Assert.Equal(400, checkedLookup.Status);
        var agreed = await Lookup(("system", Hcpcs), ("code", code), ("check-system-version", Hcpcs + "|2018-01-01"));
        Assert.Equal("2018-01-01", FhirTerminologyTests.Value(agreed, "version"));

        // $expand names the release it used and echoes the pin.
        var expansion = await Expand(("url", AllHcpcs), ("filter", code), ("system-version", Hcpcs + "|2018-01-01"));
        Assert.Equal(Hcpcs + "|2018-01-01", expansion.Parameter.Single(p => p.Name == "used-codesystem").Value.ToString());
        Assert.Equal(Hcpcs + "|2018-01-01", expansion.Parameter.Single(p => p.Name == "system-version").Value.ToString());
        Assert.Equal(text2018, expansion.Contains.Single(c => c.Code == code).Display);
    }

    [Theory]
    [InlineData("system-version", "2018-01-01", 400)]
    [InlineData("force-system-version", "http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets|", 400)]
    [InlineData("system-version", "http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets|2016-01-01", 404)]
    [InlineData("check-system-version", "https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets|2015-01-01", 404)]
    public async Task A_malformed_or_unloaded_pin_is_an_operation_outcome_naming_it(string name, string value, int status)
    {
        foreach (var answer in new[]
        {
            await Terminology.LookupAsync(Query(("system", Hcpcs), ("code", "E0114"), (name, value)), default),
            await Terminology.ValidateCodeAsync(Query(("url", Hcpcs), ("code", "E0114"), (name, value)), valueSet: false, default),
            await Terminology.ExpandAsync(Query(("url", AllHcpcs), ("filter", "E0114"), (name, value)), default),
        })
        {
            Assert.Equal(status, answer.Status);
            var issue = Assert.Single(Assert.IsType<OperationOutcome>(answer.Resource).Issue);
            Assert.Contains(status == 400 ? value : value[(value.IndexOf('|') + 1)..], issue.Diagnostics, StringComparison.Ordinal);
            FhirValidation.AssertValid(answer.Resource);
        }
    }

    [Fact]
    public async Task A_batch_answers_each_entry_as_its_operation_answers_alone_and_a_bad_entry_fails_alone()
    {
        var pairs = CmsDatePairs.Around(cms.Index, 40).Take(300).ToArray();
        var batch = new Bundle { Type = Bundle.BundleType.Batch };
        foreach (var (code, date) in pairs)
        {
            batch.Entry.Add(Get($"CodeSystem/$validate-code?url={Uri.EscapeDataString(Hcpcs)}&code={code}&date={IsoDate.Format(date)}"));
        }

        var (lookupCode, lookupDate) = pairs[0];
        batch.Entry.Add(Get($"{Base}/CodeSystem/$lookup?system={Uri.EscapeDataString(HcpcsHttps)}&code={lookupCode}&date={IsoDate.Format(lookupDate)}"));
        batch.Entry.Add(Get("ValueSet/$validate-code?url=" + Uri.EscapeDataString(AllHcpcs) + "&code=E0114&date=2019-13-45"));
        batch.Entry.Add(Get("CodeSystem/$lookup?system=" + Uri.EscapeDataString(Hcpcs) + "&code=Z9999"));
        batch.Entry.Add(Get("Patient/1"));
        batch.Entry.Add(new Bundle.EntryComponent { Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.DELETE, Url = "CodeSystem/hcpcs-2019-01-01" } });
        var posted = new Parameters();
        posted.Add("url", new FhirUri(Hcpcs));
        posted.Add("code", new Code(lookupCode));
        posted.Add("date", new FhirDateTime(IsoDate.Format(lookupDate)));
        batch.Entry.Add(new Bundle.EntryComponent { Resource = posted, Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = "CodeSystem/$validate-code" } });

        var answer = await Terminology.BatchAsync(batch, Base, default);

        var response = Assert.IsType<Bundle>(answer.Resource);
        Assert.Equal(Bundle.BundleType.BatchResponse, response.Type);
        Assert.Equal(batch.Entry.Count, response.Entry.Count);
        foreach (var ((code, date), entry) in pairs.Zip(response.Entry))
        {
            var expected = CodeAnswer.From(cms.Index.Find(CodeSystem.Hcpcs, code)!, date);
            var output = Assert.IsType<Parameters>(entry.Resource);
            Assert.StartsWith("200", entry.Response.Status, StringComparison.Ordinal);
            Assert.Equal((expected.Valid ? "true" : "false", expected.Reason, code), (FhirTerminologyTests.Value(output, "result"), FhirTerminologyTests.Value(output, "message"), FhirTerminologyTests.Value(output, "code")));
        }

        var tail = response.Entry.Skip(pairs.Length).ToArray();
        Assert.Equal(CodeAnswer.From(cms.Index.Find(CodeSystem.Hcpcs, lookupCode)!, lookupDate).LongDescription, FhirTerminologyTests.Value((Parameters)tail[0].Resource, "display"));
        Assert.Equal(["400", "404", "400", "405"], tail[1..5].Select(e => e.Response.Status[..3]));
        Assert.All(tail[1..5], e => Assert.Null(e.Resource));
        Assert.Contains("2019-13-45", Assert.IsType<OperationOutcome>(tail[1].Response.Outcome).Issue[0].Diagnostics, StringComparison.Ordinal);
        Assert.Contains("Patient/1", ((OperationOutcome)tail[3].Response.Outcome).Issue[0].Diagnostics, StringComparison.Ordinal);
        Assert.StartsWith("200", tail[5].Response.Status, StringComparison.Ordinal);
        Assert.Equal(lookupCode, FhirTerminologyTests.Value((Parameters)tail[5].Resource, "code"));

        var small = new Bundle { Type = Bundle.BundleType.BatchResponse, Entry = [response.Entry[0], .. tail] };
        FhirValidation.AssertValid(small);
    }

    [Fact]
    public async Task A_batch_over_1000_entries_is_413_and_anything_but_a_batch_is_400()
    {
        var full = new Bundle { Type = Bundle.BundleType.Batch };
        for (var i = 0; i < BatchOperation.MaxEntries; i++)
        {
            full.Entry.Add(Get($"CodeSystem/$validate-code?url={Uri.EscapeDataString(Hcpcs)}&code=E0114"));
        }

        Assert.Equal(1000, BatchOperation.MaxEntries);
        Assert.Equal(200, (await Terminology.BatchAsync(full, Base, default)).Status);

        full.Entry.Add(Get($"CodeSystem/$validate-code?url={Uri.EscapeDataString(Hcpcs)}&code=E0114"));
        var tooMany = await Terminology.BatchAsync(full, Base, default);
        Assert.Equal(413, tooMany.Status);
        Assert.Contains("1001 entries", Assert.Single(Assert.IsType<OperationOutcome>(tooMany.Resource).Issue).Diagnostics, StringComparison.Ordinal);

        full.Type = Bundle.BundleType.Transaction;
        full.Entry.RemoveAt(0);
        var transaction = await Terminology.BatchAsync(full, Base, default);
        Assert.Equal(400, transaction.Status);
        Assert.Contains("transaction", Assert.Single(Assert.IsType<OperationOutcome>(transaction.Resource).Issue).Diagnostics, StringComparison.Ordinal);
        FhirValidation.AssertValid(tooMany.Resource);
    }

    /// <summary>A code whose long text in force changed between the 2018 and 2019 releases, with a date it is valid in 2019.</summary>
    private (string Code, DateOnly Date) Changed() =>
        cms.Index.Codes(CodeSystem.Hcpcs)
            .Select(v => (Code: v[0].Code, A: CodeAnswer.From(v, new DateOnly(2018, 1, 1)), B: CodeAnswer.From(v, new DateOnly(2019, 1, 1))))
            .Where(x => x.A.Valid && x.B.Valid && x.A.LongDescription != x.B.LongDescription && x.A.ValidFrom < new DateOnly(2018, 1, 1))
            .Select(x => (x.Code, new DateOnly(2019, 6, 1)))
            .First();

    private async Task<Parameters> Lookup(params (string Name, string Value)[] query)
    {
        var answer = await Terminology.LookupAsync(Query(query), default);
        Assert.True(answer.Status == 200, answer.Resource.ToJson());
        return (Parameters)answer.Resource;
    }

    private async Task<ValueSet.ExpansionComponent> Expand(params (string Name, string Value)[] query)
    {
        var answer = await Terminology.ExpandAsync(Query(query), Base, default);
        Assert.True(answer.Status == 200, answer.Resource.ToJson());
        FhirValidation.AssertValid(answer.Resource);
        return ((ValueSet)answer.Resource).Expansion;
    }

    private static Bundle.EntryComponent Get(string url) =>
        new() { Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.GET, Url = url } };

    private static OperationOutcome.IssueComponent Issue(Parameters output) =>
        Assert.Single(Assert.IsType<OperationOutcome>(output.Parameter.Single(p => p.Name == "issues").Resource).Issue);

    private static string? WebSource(DomainResource resource) =>
        (resource.GetExtension(FhirCodeSystems.WebSourceExtension)?.Value as FhirUrl)?.Value;

    private static string[] Operations(CapabilityStatement.RestComponent rest, string type) =>
        rest.Resource.Single(r => r.Type == type).Operation.Select(o => o.Name).Order(StringComparer.Ordinal).ToArray();

    private static string[] Interactions(CapabilityStatement.RestComponent rest, string type) =>
        rest.Resource.Single(r => r.Type == type).Interaction.Select(i => i.Code!.Value.GetLiteral()).Order(StringComparer.Ordinal).ToArray();

    private static OperationInput Query(params (string Name, string Value)[] query) =>
        OperationInput.FromQuery(query.Select(q => new KeyValuePair<string, string?>(q.Name, q.Value)));
}
