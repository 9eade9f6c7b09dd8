using CodeUpdates.Ingestion.Fhir;
using System.Text;
using System.Xml.Linq;

namespace CodeUpdates.Tests.Fhir;

/// <summary>FHIR XML answers stay well-formed whatever a stored descriptor holds: the writer drops what XML 1.0 cannot carry.</summary>
public sealed class FhirXmlHostileTextTests(HostileTextVersions versions) : IClassFixture<HostileTextVersions>
{
    private const string AllHcpcs = FhirCodeSystems.HcpcsUrl + FhirCodeSystems.AllCodesSuffix;

    private FhirTerminology Terminology => new(versions, versions, TimeProvider.System);

    [Fact]
    public async Task Lookup_in_xml_parses_and_shows_the_text_without_the_control_characters()
    {
        var answer = await Terminology.LookupAsync(Query(("system", FhirCodeSystems.HcpcsUrl), ("code", HostileTextVersions.Code), ("date", "2019-06-01")), default);

        var xml = Xml(answer);
        Assert.Contains(Values(xml), v => v == HostileTextVersions.LongClean);
        Assert.Contains(Values(xml), v => v == HostileTextVersions.ShortClean);
    }

    [Fact]
    public async Task Validate_code_in_xml_parses()
    {
        var answer = await Terminology.ValidateCodeAsync(
            Query(("url", AllHcpcs), ("code", HostileTextVersions.Code), ("date", "2019-06-01"), ("display", "Ambulance\u0007")), valueSet: true, default);

        Assert.Contains(Values(Xml(answer)), v => v == HostileTextVersions.LongClean);
    }

    [Fact]
    public async Task An_unfiltered_expand_in_xml_parses()
    {
        var answer = await Terminology.ExpandAsync(Query(("url", AllHcpcs), ("date", "2019-06-01")), default);

        Assert.Contains(Values(Xml(answer)), v => v == HostileTextVersions.LongClean);
    }

    private static XDocument Xml(FhirAnswer answer)
    {
        Assert.Equal(200, answer.Status);
        var body = FhirWire.Serialize(answer.Resource, FhirFormat.Xml);
        return XDocument.Parse(Encoding.UTF8.GetString(body.Content));
    }

    private static IEnumerable<string> Values(XDocument xml) =>
        xml.Descendants().Select(e => e.Attribute("value")?.Value).OfType<string>();

    private static OperationInput Query(params (string Name, string Value)[] query) =>
        OperationInput.FromQuery(query.Select(q => new KeyValuePair<string, string?>(q.Name, q.Value)));
}
