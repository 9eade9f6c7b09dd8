using System.Text.Json.Nodes;
using CodeUpdates.Ingestion.Fhir;
using Hl7.Fhir.Serialization;
using Task = System.Threading.Tasks.Task;

namespace CodeUpdates.Tests.Fhir;

/// <summary>
/// The server's <c>metadata</c> and <c>metadata?mode=terminology</c> against the ecosystem's own expectation files
/// (its test cases "metadata" and "term-caps"), over the real CMS 2017–2019 HCPCS releases. The rule is the one the
/// ecosystem's runner applies to these two tests (TxTester with CompareUtilities in pattern mode): every expected
/// property present with a matching value, a placeholder matched by a value of its kind, each expected array item
/// found in the answer, and anything more in the answer allowed; array order never matters (the tests' readme), so
/// each expected item is matched by a distinct item of the answer in any order. What does not apply to this server is
/// taken out of the expectation first, each item with its reason (<see cref="EcosystemExpectations.Exclusions"/>).
/// </summary>
public sealed class FhirEcosystemCapabilitiesTests(CmsVersions cms) : IClassFixture<CmsVersions>
{
    private const string Base = "https://codes.example.org/api/fhir";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Metadata_holds_everything_the_ecosystems_capstmt_expects_that_applies(bool signIn)
    {
        var statement = await Answer(null, signIn);

        EcosystemResponse.AssertContains(EcosystemExpectations.Applying(EcosystemExpectations.Statement), statement);

        // capstmt.json asks for a value without giving one; the FeatureDefinition types it boolean, and tx-resource is not accepted.
        var feature = Assert.Single(statement["extension"]!.AsArray(), e => e!["extension"]!.AsArray().Any(p => p!["valueCanonical"]?.GetValue<string>() == FhirCapabilities.CodeSystemAsParameterFeature));
        Assert.False(Assert.Single(feature!["extension"]!.AsArray(), p => p!["url"]!.GetValue<string>() == "value")!["valueBoolean"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Terminology_capabilities_hold_everything_the_ecosystems_capterms_expects_that_applies()
    {
        var capabilities = await Answer("terminology");

        EcosystemResponse.AssertContains(EcosystemExpectations.Applying(EcosystemExpectations.TerminologyCapabilities), capabilities);
    }

    [Theory]
    [InlineData(EcosystemExpectations.Statement, null)]
    [InlineData(EcosystemExpectations.TerminologyCapabilities, "terminology")]
    public async Task Each_exclusion_is_absent_from_the_answer_and_the_only_thing_failing_without_it(string file, string? mode)
    {
        var answer = await Answer(mode);
        var exclusions = EcosystemExpectations.Exclusions.Where(e => e.File == file).ToArray();
        Assert.NotEmpty(exclusions);

        foreach (var exclusion in exclusions)
        {
            // The exclusion hides nothing the server says: were it to start saying it, this fails and the exclusion goes.
            Assert.DoesNotContain(exclusion.ArrayIn(answer) ?? [], exclusion.Names);
            if (file == EcosystemExpectations.TerminologyCapabilities)
            {
                Assert.DoesNotContain(exclusion.Name, FhirCapabilities.ExpandParameters);
            }

            // Kept alone, it is what the comparison fails on.
            var problem = EcosystemResponse.Difference(EcosystemExpectations.Applying(file, exclusions.Except([exclusion])), answer, EcosystemComparison.Minimum);
            Assert.NotNull(problem);
            Assert.Contains(exclusion.Name, problem, StringComparison.Ordinal);
        }

        Assert.Null(EcosystemResponse.Difference(EcosystemExpectations.Applying(file), answer, EcosystemComparison.Minimum));
        Assert.NotNull(EcosystemResponse.Difference(EcosystemExpectations.Load(file), answer, EcosystemComparison.Minimum));
    }

    [Fact]
    public async Task The_minimum_comparison_checks_each_placeholders_kind_and_matches_each_expected_item_once()
    {
        var expected = EcosystemExpectations.Applying(EcosystemExpectations.Statement);
        var answer = await Answer(null);
        Assert.Null(EcosystemResponse.Difference(expected, answer, EcosystemComparison.Minimum));
        // The answer says more than the file: only the minimum comparison accepts it.
        Assert.NotNull(EcosystemResponse.Difference(expected, answer, EcosystemComparison.Exact));

        foreach (var (property, value) in new[] { ("date", "last week"), ("url", "metadata"), ("fhirVersion", "R4"), ("name", "Code Updates"), ("title", " padded ") })
        {
            var changed = answer.DeepClone();
            changed[property] = value;
            Assert.StartsWith($"$.{property}: expected $", EcosystemResponse.Difference(expected, changed, EcosystemComparison.Minimum), StringComparison.Ordinal);
        }

        // Two expected items need two items in the answer.
        var twice = expected.DeepClone();
        twice["instantiates"]!.AsArray().Add("http://hl7.org/fhir/CapabilityStatement/terminology-server");
        Assert.Contains("$.instantiates[1]", EcosystemResponse.Difference(twice, answer, EcosystemComparison.Minimum), StringComparison.Ordinal);

        var noVersions = answer.DeepClone();
        noVersions["rest"]![0]!["operation"] = new JsonArray();
        Assert.Contains("versions", EcosystemResponse.Difference(expected, noVersions, EcosystemComparison.Minimum), StringComparison.Ordinal);
    }

    private async Task<JsonNode> Answer(string? mode, bool signIn = false)
    {
        var answer = await new FhirTerminology(cms, cms, TimeProvider.System, new FhirServerSecurity(signIn)).MetadataAsync(mode, Base, default);
        Assert.Equal(200, answer.Status);
        return JsonNode.Parse(answer.Resource!.ToJson())!;
    }
}
