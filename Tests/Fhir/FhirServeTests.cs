using CodeUpdates.Ingestion.Fhir;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Tests.Support;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CodeUpdates.Functions.Http;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Hl7.Fhir.Serialization;
using FhirCodeSystem = Hl7.Fhir.Model.CodeSystem;
using Task = System.Threading.Tasks.Task;
using CodeSystem = CodeUpdates.Ingestion.ReleaseFiles.CodeSystem;

namespace CodeUpdates.Tests.Fhir;

/// <summary>
/// The FHIR door of <c>codeupdates serve</c>, driven by Firely's FhirClient over HTTP, against the JSON
/// API of the same server: the real CMS 2017–2019 HCPCS releases, published from Azurite.
/// </summary>
[Trait(TestScope.Trait, TestScope.Integration)]
public sealed class FhirServeTests(ServedCms served) : IClassFixture<ServedCms>
{
    private const string Hcpcs = FhirCodeSystems.HcpcsUrl;
    private const string AllHcpcs = Hcpcs + FhirCodeSystems.AllCodesSuffix;

    [Fact]
    public async Task Lookup_and_validate_code_answer_as_the_json_api_for_every_code_and_date_at_the_edges()
    {
        var pairs = CmsDatePairs.Around(served.Cms.Index, 80).ToArray();
        Assert.True(pairs.Length >= 200, $"{pairs.Length} pairs");
        var checkedAgainstSpec = 0;
        foreach (var (code, date, i) in pairs.Select((p, i) => (p.Code, p.Date, i)))
        {
            var day = IsoDate.Format(date);
            var json = await served.Http.GetFromJsonAsync<JsonElement>($"/api/codes/hcpcs/{code}?date={day}");
            var valid = json.GetProperty("valid").GetBoolean();
            var reason = json.GetProperty("reason").GetString();
            var longText = json.GetProperty("longDescription").GetString();
            var because = $"{code} on {day}";

            var inSystem = (Parameters)(await served.Fhir.TypeOperationAsync<FhirCodeSystem>("validate-code", Input(("url", new FhirUri(Hcpcs)), ("code", new Code(code)), ("date", new FhirDateTime(day))), useGet: true))!;
            var inValueSet = (Parameters)(await served.Fhir.TypeOperationAsync<ValueSet>("validate-code", Input(("url", new FhirUri(AllHcpcs)), ("code", new Code(code)), ("date", new FhirDateTime(day))), useGet: true))!;
            foreach (var validation in new[] { inSystem, inValueSet })
            {
                Assert.True((valid ? "true" : "false") == Value(validation, "result"), because);
                Assert.True(reason == Value(validation, "message"), because);
                Assert.True(longText == Value(validation, "display"), because);
            }

            var lookup = (Parameters)(await served.Fhir.TypeOperationAsync<FhirCodeSystem>("lookup", Input(("system", new FhirUri(Hcpcs)), ("code", new Code(code)), ("date", new FhirDateTime(day))), useGet: true))!;
            Assert.True(longText == Value(lookup, "display"), because);
            Assert.True(json.GetProperty("shortDescription").GetString() == FhirTerminologyTests.Designation(lookup, "short"), because);
            var properties = FhirTerminologyTests.Properties(lookup);
            Assert.True((valid ? "false" : "true") == properties["inactive"].Single(), because);
            Assert.True(json.GetProperty("status").GetString() == properties["status"].Single(), because);
            Assert.True(json.GetProperty("validFrom").GetString() == properties["validFrom"].Single(), because);
            Assert.True(json.GetProperty("validTo").GetString() == properties.GetValueOrDefault("validTo")?.Single(), because);
            Assert.Equal(json.GetProperty("replacedBy").EnumerateArray().Select(r => r.GetString()), properties.GetValueOrDefault("replacedBy") ?? []);
            Assert.Equal(CodeSystemRelease.InForce(served.Cms.Releases, date)!.Version, Value(lookup, "version"));

            if (i % 40 == 0)
            {
                FhirValidation.AssertValid(inSystem);
                FhirValidation.AssertValid(inValueSet);
                FhirValidation.AssertValid(lookup);
                checkedAgainstSpec += 3;
            }
        }

        Assert.True(checkedAgainstSpec >= 15);
    }

    [Fact]
    public async Task Expand_with_a_filter_returns_exactly_the_codes_and_total_of_the_word_search()
    {
        var expanded = (ValueSet)(await served.Fhir.TypeOperationAsync<ValueSet>(
            "expand",
            Input(("url", new FhirUri(AllHcpcs)), ("filter", new FhirString("wheelchair")), ("date", new FhirDateTime("2019-06-01")), ("count", new Integer(1000))),
            useGet: true))!;

        var json = await served.Http.GetFromJsonAsync<JsonElement>("/api/codes/hcpcs?q=wheelchair&date=2019-06-01&count=1000");
        var total = json.GetProperty("total").GetInt32();
        var codes = json.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("code").GetString()!).ToArray();

        Assert.True(total > 100, $"{total} wheelchair codes");
        Assert.Equal(total, expanded.Expansion!.Total);
        Assert.Equal(codes, expanded.Expansion.Contains.Select(c => c.Code));
        Assert.All(expanded.Expansion.Contains, c => Assert.Equal(Hcpcs, c.System));
        FhirValidation.AssertValid(expanded);
    }

    [Fact]
    public async Task Operations_answer_by_post_and_in_xml_as_by_get()
    {
        var input = Input(("system", new FhirUri(Hcpcs)), ("code", new Code("E0114")), ("date", new FhirDateTime("2019-02-01")));
        var byGet = (Parameters)(await served.Fhir.TypeOperationAsync<FhirCodeSystem>("lookup", input, useGet: true))!;
        var byPost = (Parameters)(await served.Fhir.TypeOperationAsync<FhirCodeSystem>("lookup", input, useGet: false))!;
        Assert.Equal(byGet.ToJson(), byPost.ToJson());

        var xml = await served.Http.GetAsync("/api/fhir/CodeSystem/$lookup?system=" + Uri.EscapeDataString(Hcpcs) + "&code=E0114&date=2019-02-01&_format=xml");
        Assert.Equal(FhirWire.XmlType, xml.Content.Headers.ContentType?.MediaType);
        var fromXml = new FhirXmlDeserializer(new DeserializerSettings().UsingMode(DeserializationMode.Strict)).DeserializeResource(await xml.Content.ReadAsStringAsync());
        Assert.Equal(byGet.ToJson(), fromXml.ToJson());

        var translated = (Parameters)(await served.Fhir.TypeOperationAsync<ConceptMap>("translate", Input(("system", new FhirUri(Hcpcs)), ("code", new Code(DeletedWithReplacement()))), useGet: true))!;
        Assert.Equal("true", Value(translated, "result"));
        FhirValidation.AssertValid(translated);
    }

    [Theory]
    [InlineData("CodeSystem/$lookup?system={hcpcs}&code=E0114&date=2019-13-45", 400)]
    [InlineData("CodeSystem/$validate-code?url={hcpcs}&code=E0114&date=2019-13-45", 400)]
    [InlineData("ValueSet/$expand?url={hcpcs}%3Ffhir_vs&filter=chair&date=2019-13-45", 400)]
    [InlineData("CodeSystem/$lookup?system=http%3A%2F%2Floinc.org&code=1234-5", 404)]
    [InlineData("ValueSet/$validate-code?url=http%3A%2F%2Floinc.org%3Ffhir_vs&code=1234-5", 404)]
    [InlineData("CodeSystem/$lookup?system={hcpcs}&code=Z9999&date=2019-06-01", 404)]
    [InlineData("CodeSystem/hcpcs-2016-01-01", 404)]
    public async Task Errors_are_operation_outcomes_with_the_specs_status(string path, int status)
    {
        var response = await served.Http.GetAsync("/api/fhir/" + path.Replace("{hcpcs}", Uri.EscapeDataString(Hcpcs)));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(FhirWire.JsonType, response.Content.Headers.ContentType?.MediaType);
        var outcome = Assert.IsType<OperationOutcome>(new FhirJsonDeserializer(new DeserializerSettings()).DeserializeResource(await response.Content.ReadAsStringAsync()));
        Assert.Equal(OperationOutcome.IssueSeverity.Error, Assert.Single(outcome.Issue).Severity);
        FhirValidation.AssertValid(outcome);
    }

    [Fact]
    public async Task An_unknown_code_validates_false_with_status_200()
    {
        var answer = (Parameters)(await served.Fhir.TypeOperationAsync<FhirCodeSystem>("validate-code", Input(("url", new FhirUri(Hcpcs)), ("code", new Code("Z9999"))), useGet: true))!;
        Assert.Equal("false", Value(answer, "result"));
        Assert.Contains("Z9999", Value(answer, "message"));
    }

    [Fact]
    public async Task Metadata_and_code_systems_name_every_loaded_release()
    {
        var statement = await served.Fhir.CapabilityStatementAsync();
        Assert.Equal(FHIRVersion.N4_0_1, statement!.FhirVersion);
        FhirValidation.AssertValid(statement);

        var terminology = await served.Http.GetAsync("/api/fhir/metadata?mode=terminology");
        var capabilities = Assert.IsType<TerminologyCapabilities>(new FhirJsonDeserializer(new DeserializerSettings()).DeserializeResource(await terminology.Content.ReadAsStringAsync()));
        Assert.Equal(["2017-01-01", "2018-01-01", "2019-01-01"], capabilities.CodeSystem.Single(c => c.Uri == Hcpcs).Version.Select(v => v.Code));
        FhirValidation.AssertValid(capabilities);

        var bundle = await served.Fhir.SearchAsync<FhirCodeSystem>(["url=" + Hcpcs]);
        var versions = bundle!.Entry.Select(e => (FhirCodeSystem)e.Resource!).ToArray();
        Assert.Equal(["2017-01-01", "2018-01-01", "2019-01-01"], versions.Select(v => v.Version));
        Assert.All(versions, v => Assert.Equal(served.Cms.Releases.Single(r => r.Version == v.Version).Codes, v.Count));
        FhirValidation.AssertValid(bundle);

        var read = await served.Fhir.ReadAsync<FhirCodeSystem>("CodeSystem/hcpcs-2019-01-01");
        Assert.Equal(CodeSystemContentMode.NotPresent, read!.Content);
        Assert.Equal(versions[^1].Count, read.Count);
    }

    [Theory]
    [InlineData("application/fhir+xml")]
    [InlineData("application/fhir+json")]
    public async Task A_parameters_body_nested_beyond_the_bound_is_400_and_serve_keeps_answering(string contentType)
    {
        // Otherwise a good $lookup: only the nesting of one more parameter is wrong.
        var input = Input(("system", new FhirUri(Hcpcs)), ("code", new Code("E0114")), ("date", new FhirDateTime("2019-02-01")));
        var deep = Nested(FhirWire.MaxDepth + 1);
        input.Parameter.Add(deep);

        using var response = await PostAsync(input, contentType);

        var outcome = await OutcomeAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains($"nested deeper than {FhirWire.MaxDepth}", outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
        var fine = Input(("system", new FhirUri(Hcpcs)), ("code", new Code("E0114")), ("date", new FhirDateTime("2019-02-01")));
        fine.Parameter.Add(Nested(10));
        using var shallow = await PostAsync(fine, contentType);
        Assert.Equal(HttpStatusCode.OK, shallow.StatusCode);
    }

    [Fact]
    public async Task A_parameters_body_over_the_size_bound_is_413_operation_outcome()
    {
        var input = Input(("system", new FhirUri(Hcpcs)), ("code", new Code("E0114")), ("date", new FhirDateTime("2019-02-01")));
        var padded = FhirWire.Serialize(input, FhirFormat.Json).Content.Concat(Enumerable.Repeat((byte)' ', RequestBody.MaxBytes)).ToArray();
        using var content = new ByteArrayContent(padded);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(FhirWire.JsonType);

        using var response = await served.Http.PostAsync("/api/fhir/CodeSystem/$lookup", content);

        var outcome = await OutcomeAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains(RequestBody.MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CodeSystem/$lookup?system={hcpcs}&code=E0114&code=A0021&date=2019-02-01", "code")]
    [InlineData("CodeSystem/$lookup?system={hcpcs}&code=E0114&date=2019-02-01&date=2019-03-01", "date")]
    [InlineData("CodeSystem/$validate-code?url={hcpcs}&url={hcpcs}&code=E0114", "url")]
    [InlineData("ValueSet/$expand?url={hcpcs}%3Ffhir_vs&filter=chair&filter=wheel", "filter")]
    [InlineData("ConceptMap/$translate?system={hcpcs}&code=E0114&code=A0021", "code")]
    public async Task A_parameter_of_at_most_one_value_given_twice_is_400_naming_it(string path, string name)
    {
        using var response = await served.Http.GetAsync("/api/fhir/" + path.Replace("{hcpcs}", Uri.EscapeDataString(Hcpcs)));

        var outcome = await OutcomeAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains($"'{name}'", outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_parameter_given_twice_in_a_body_or_in_body_and_query_is_400_and_repeatable_ones_are_taken()
    {
        var twice = Input(("system", new FhirUri(Hcpcs)), ("code", new Code("E0114")), ("code", new Code("A0021")));
        using var inBody = await PostAsync(twice, FhirWire.JsonType);
        Assert.Contains("'code'", (await OutcomeAsync(inBody, HttpStatusCode.BadRequest)).Issue[0].Diagnostics, StringComparison.Ordinal);

        var once = Input(("system", new FhirUri(Hcpcs)), ("code", new Code("E0114")), ("date", new FhirDateTime("2019-02-01")));
        using var bodyAndQuery = await PostAsync(once, FhirWire.JsonType, "?date=2019-03-01");
        Assert.Contains("'date'", (await OutcomeAsync(bodyAndQuery, HttpStatusCode.BadRequest)).Issue[0].Diagnostics, StringComparison.Ordinal);

        // property is 0..* in $lookup.
        using var properties = await served.Http.GetAsync($"/api/fhir/CodeSystem/$lookup?system={Uri.EscapeDataString(Hcpcs)}&code=E0114&date=2019-02-01&property=status&property=inactive");
        Assert.Equal(HttpStatusCode.OK, properties.StatusCode);
    }

    [Theory]
    [InlineData("application/fhir+json;q=0", 406, null)]
    [InlineData("application/fhir+json;q=0, application/json;q=0", 406, null)]
    [InlineData("application/fhir+json;q=0, application/fhir+xml", 200, FhirWire.XmlType)]
    [InlineData("application/fhir+xml;q=0.2, application/fhir+json;q=0.9", 200, FhirWire.JsonType)]
    [InlineData("application/fhir+xml;q=0, */*", 200, FhirWire.JsonType)]
    [InlineData("text/html", 406, null)]
    [InlineData("*/*", 200, FhirWire.JsonType)]
    public async Task Accept_is_honoured_with_its_weights_and_nothing_acceptable_is_406(string accept, int status, string? contentType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/fhir/CodeSystem/$lookup?system={Uri.EscapeDataString(Hcpcs)}&code=E0114&date=2019-02-01");
        request.Headers.TryAddWithoutValidation("Accept", accept);

        using var response = await served.Http.SendAsync(request);

        Assert.Equal(status, (int)response.StatusCode);
        if (status == 406)
        {
            var outcome = await OutcomeAsync(response, HttpStatusCode.NotAcceptable);
            Assert.Contains(FhirWire.JsonType, outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        }
    }

    private async Task<HttpResponseMessage> PostAsync(Parameters input, string contentType, string query = "")
    {
        var body = FhirWire.Serialize(input, contentType.Contains("xml", StringComparison.Ordinal) ? FhirFormat.Xml : FhirFormat.Json);
        var content = new ByteArrayContent(body.Content);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        return await served.Http.PostAsync("/api/fhir/CodeSystem/$lookup" + query, content);
    }

    /// <summary>The error as an OperationOutcome, checked against the spec.</summary>
    private static async Task<OperationOutcome> OutcomeAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode}: {text}");
        Assert.Equal(FhirWire.JsonType, response.Content.Headers.ContentType?.MediaType);
        var outcome = Assert.IsType<OperationOutcome>(new FhirJsonDeserializer(new DeserializerSettings()).DeserializeResource(text));
        FhirValidation.AssertValid(outcome);
        return outcome;
    }

    /// <summary>A parameter whose parts nest <paramref name="levels"/> deep.</summary>
    private static Parameters.ParameterComponent Nested(int levels)
    {
        var top = new Parameters.ParameterComponent { Name = "a" };
        var current = top;
        for (var i = 1; i < levels; i++)
        {
            var part = new Parameters.ParameterComponent { Name = "a" };
            current.Part.Add(part);
            current = part;
        }

        current.Value = new FhirString("x");
        return top;
    }

    private string DeletedWithReplacement() =>
        served.Cms.Index.Codes(CodeSystem.Hcpcs).First(v => v[^1].ReplacedBy.Count > 0 && v[^1].ValidTo is not null)[0].Code;

    private static Parameters Input(params (string Name, DataType Value)[] values)
    {
        var parameters = new Parameters();
        foreach (var (name, value) in values)
        {
            parameters.Add(name, value);
        }

        return parameters;
    }

    private static string? Value(Parameters output, string name) => FhirTerminologyTests.Value(output, name);
}
