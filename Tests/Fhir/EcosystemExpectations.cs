using System.Text.Json.Nodes;
using CodeUpdates.Tests.Support;

namespace CodeUpdates.Tests.Fhir;

/// <summary>
/// The ecosystem's <c>metadata</c> and <c>term-caps</c> expectation files (tests/capstmt.json and tests/capterms.json of
/// HL7/fhir-tx-ecosystem-ig, CC0, copied unchanged to Fixtures/tx-ecosystem), and what in them does not apply here.
/// </summary>
public static class EcosystemExpectations
{
    public const string Statement = "capstmt.json";
    public const string TerminologyCapabilities = "capterms.json";

    private const string NotExpanded = "$expand answers each code with its long text as display and nothing else";

    public static IReadOnlyList<EcosystemExclusion> Exclusions { get; } =
    [
        new(Statement, "http://hl7.org/fhir/uv/tx-tests/FeatureDefinition/test-version",
            "the feature states which version of the ecosystem's test suite the server passes; CodeUpdates claims no such pass: it meets requirements.md for a server of a few code systems, and the general suites need tx-resource"),
        new(TerminologyCapabilities, "displayLanguage", "the CMS and AMA releases carry English text only, so there is no other language to display"),
        new(TerminologyCapabilities, "excludeNested", "HCPCS and CPT as loaded have no hierarchy: every expansion is flat, so there is nothing to nest"),
        new(TerminologyCapabilities, "includeDefinition", "the code systems carry no definitions (content not-present); the long text is the display"),
        new(TerminologyCapabilities, "includeDesignations", NotExpanded + "; the short text and the other designations are answered by $lookup"),
        new(TerminologyCapabilities, "property", NotExpanded + "; properties are answered by $lookup"),
        new(TerminologyCapabilities, "tx-resource",
            "the feature the issue excepts: requests cannot carry terminology resources, the code systems are the ones loaded here; the CapabilityStatement says so with the CodeSystemAsParameter feature = false"),
    ];

    /// <summary>The file as the ecosystem publishes it.</summary>
    public static JsonNode Load(string file) => JsonNode.Parse(File.ReadAllText(RepoPaths.Fixture("tx-ecosystem/" + file)))!;

    /// <summary>The file without the exclusions given (by default every exclusion of the file).</summary>
    public static JsonNode Applying(string file, IEnumerable<EcosystemExclusion>? excluded = null)
    {
        var expected = Load(file);
        foreach (var exclusion in (excluded ?? Exclusions).Where(e => e.File == file))
        {
            exclusion.RemoveFrom(expected);
        }

        return expected;
    }
}
