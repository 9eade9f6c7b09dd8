using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CodeUpdates.Ingestion.Fhir;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Tests.Support;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Hl7.Fhir.Serialization;
using FhirCodeSystem = Hl7.Fhir.Model.CodeSystem;
using Task = System.Threading.Tasks.Task;

// Firely's model marks every element nullable; these tests read what they assert on, and a null there fails the test as surely.
#nullable disable warnings

namespace CodeUpdates.Tests.Fhir;

/// <summary>
/// The ecosystem's requirements over HTTP: <c>codeupdates serve</c> with the real CMS 2017–2019 HCPCS releases
/// published from Azurite, driven by Firely's FhirClient, checked against the JSON API of the same server.
/// </summary>
[Trait(TestScope.Trait, TestScope.Integration)]
public sealed class FhirEcosystemServeTests(ServedCms served) : IClassFixture<ServedCms>
{
    private const string Hcpcs = FhirCodeSystems.HcpcsUrl;
    private const string HcpcsHttps = "https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets";

    [Fact]
    public async Task Metadata_and_terminology_capabilities_name_every_release_the_json_api_lists()
    {
        var statement = await served.Fhir.CapabilityStatementAsync();
        Assert.Contains("http://hl7.org/fhir/CapabilityStatement/terminology-server", statement!.Instantiates);
        Assert.NotEmpty(statement.Rest.Single().Security.Service);

        var json = await served.Http.GetFromJsonAsync<JsonElement>("/api/releases?system=hcpcs");
        var published = json.GetProperty("releases").EnumerateArray()
            .Where(r => r.GetProperty("status").GetString() == "published")
            .Select(r => r.GetProperty("effective").GetString())
            .Order(StringComparer.Ordinal)
            .ToArray();
        var capabilities = Assert.IsType<TerminologyCapabilities>(new FhirJsonDeserializer(new DeserializerSettings()).DeserializeResource(
            await served.Http.GetStringAsync("/api/fhir/metadata?mode=terminology")));
        Assert.Equal(3, published.Length);
        Assert.Equal(published, capabilities.CodeSystem.Single(c => c.Uri == Hcpcs).Version.Select(v => v.Code));
        FhirValidation.AssertValid(statement);
        FhirValidation.AssertValid(capabilities);
    }

    /// <summary>The ecosystem's metadata and term-caps tests over HTTP, by the rule and exclusions of <see cref="FhirEcosystemCapabilitiesTests"/>.</summary>
    [Fact]
    public async Task Metadata_and_terminology_capabilities_read_by_fhir_client_hold_what_the_ecosystem_expects_that_applies()
    {
        var statement = await served.Fhir.CapabilityStatementAsync();
        var capabilities = Assert.IsType<TerminologyCapabilities>(await served.Fhir.GetAsync("metadata?mode=terminology"));

        EcosystemResponse.AssertContains(EcosystemExpectations.Applying(EcosystemExpectations.Statement), JsonNode.Parse(statement!.ToJson())!);
        EcosystemResponse.AssertContains(EcosystemExpectations.Applying(EcosystemExpectations.TerminologyCapabilities), JsonNode.Parse(capabilities.ToJson())!);
        Assert.Equal(served.FhirBase + "/metadata", statement.Url);
    }

    [Fact]
    public async Task A_batch_of_1000_claim_lines_answers_each_as_the_json_lookup_does_and_1001_is_413()
    {
        var pairs = CmsDatePairs.Around(served.Cms.Index, 120).ToArray();
        var lines = Enumerable.Range(0, BatchOperation.MaxEntries).Select(i => pairs[i % pairs.Length]).ToArray();
        var batch = new Bundle { Type = Bundle.BundleType.Batch };
        foreach (var (code, date) in lines)
        {
            batch.Entry.Add(Get($"CodeSystem/$validate-code?url={Uri.EscapeDataString(Hcpcs)}&code={code}&date={IsoDate.Format(date)}"));
        }

        batch.Entry[500] = Get($"CodeSystem/$validate-code?url={Uri.EscapeDataString(Hcpcs)}&code={lines[500].Code}&date=2019-02-30");

        var response = await served.Fhir.TransactionAsync(batch);

        var items = lines.Select(l => new { system = "hcpcs", code = l.Code, date = IsoDate.Format(l.Date) }).ToArray();
        using var lookup = await served.Http.PostAsJsonAsync("/api/codes/lookup", new { items });
        var results = (await lookup.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal(BatchOperation.MaxEntries, response!.Entry.Count);
        for (var i = 0; i < lines.Length; i++)
        {
            var entry = response.Entry[i];
            if (i == 500)
            {
                Assert.StartsWith("400", entry.Response.Status, StringComparison.Ordinal);
                Assert.Contains("2019-02-30", ((OperationOutcome)entry.Response.Outcome).Issue[0].Diagnostics, StringComparison.Ordinal);
                continue;
            }

            var output = Assert.IsType<Parameters>(entry.Resource);
            var because = $"{lines[i].Code} on {IsoDate.Format(lines[i].Date)}";
            Assert.True((results[i].GetProperty("valid").GetBoolean() ? "true" : "false") == FhirTerminologyTests.Value(output, "result"), because);
            Assert.True(results[i].GetProperty("reason").GetString() == FhirTerminologyTests.Value(output, "message"), because);
        }

        batch.Entry.Add(Get($"CodeSystem/$lookup?system={Uri.EscapeDataString(Hcpcs)}&code=E0114"));
        using var tooMany = await served.Http.PostAsync("/api/fhir", new StringContent(batch.ToJson(), Encoding.UTF8, FhirWire.JsonType));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooMany.StatusCode);
        var outcome = Assert.IsType<OperationOutcome>(new FhirJsonDeserializer(new DeserializerSettings()).DeserializeResource(await tooMany.Content.ReadAsStringAsync()));
        Assert.Contains("1001 entries", outcome.Issue.Single().Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Code_systems_by_the_https_spelling_link_to_release_pages_the_web_app_serves()
    {
        var bundle = await served.Fhir.SearchAsync<FhirCodeSystem>([$"url={HcpcsHttps}"]);

        Assert.Equal(served.Cms.Releases.Select(r => r.Version), bundle!.Entry.Select(e => ((FhirCodeSystem)e.Resource).Version));
        foreach (var codeSystem in bundle.Entry.Select(e => (FhirCodeSystem)e.Resource))
        {
            var page = ((FhirUrl)codeSystem.GetExtension(FhirCodeSystems.WebSourceExtension).Value).Value;
            Assert.Equal($"{served.Url}/releases/hcpcs/{codeSystem.Version}", page);
            using var html = await served.Http.GetAsync(page);
            Assert.Equal(HttpStatusCode.OK, html.StatusCode);
            Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        }

        var versions = (Parameters)(await served.Fhir.WholeSystemOperationAsync("versions", useGet: true))!;
        Assert.Equal("4.0", FhirTerminologyTests.Value(versions, "default"));
        var valueSets = await served.Fhir.SearchAsync<ValueSet>([$"url={HcpcsHttps}?fhir_vs"]);
        Assert.Equal(Hcpcs + "?fhir_vs", ((ValueSet)Assert.Single(valueSets!.Entry).Resource).Url);
        var read = await served.Fhir.ReadAsync<ValueSet>("ValueSet/hcpcs-all");
        Assert.Equal(Hcpcs + "?fhir_vs", read!.Url);
    }

    [Fact]
    public async Task The_ecosystems_unknown_system_request_posted_is_a_200_false_result_naming_the_system()
    {
        var request = File.ReadAllText(RepoPaths.Fixture("tx-ecosystem/errors-unknown-system1-request.json"));
        var expected = JsonNode.Parse(File.ReadAllText(RepoPaths.Fixture("tx-ecosystem/errors-unknown-system1-response.json")))!;

        using var response = await served.Http.PostAsync("/api/fhir/ValueSet/$validate-code", new StringContent(request, Encoding.UTF8, FhirWire.JsonType));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        EcosystemResponse.AssertMatches(expected, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    private static Bundle.EntryComponent Get(string url) =>
        new() { Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.GET, Url = url } };
}
