using System.Text.Json.Nodes;

namespace CodeUpdates.Tests.Fhir;

/// <summary>
/// One item of an ecosystem expectation file that does not apply to this server, left out of the comparison, and why:
/// a feature of the CapabilityStatement (named by its definition) or an <c>$expand</c> parameter of the
/// TerminologyCapabilities (named by its name).
/// </summary>
public sealed record EcosystemExclusion(string File, string Name, string Reason)
{
    /// <summary>The array of the expected (or answered) resource the item is in.</summary>
    public JsonArray? ArrayIn(JsonNode resource) => File == "capstmt.json"
        ? resource["extension"] as JsonArray
        : resource["expansion"]?["parameter"] as JsonArray;

    /// <summary>Whether <paramref name="item"/> is the feature or parameter this names.</summary>
    public bool Names(JsonNode? item) => File == "capstmt.json"
        ? item?["extension"] is JsonArray parts && parts.Any(p => p?["url"]?.GetValue<string>() == "definition" && p["valueCanonical"]?.GetValue<string>() == Name)
        : item?["name"]?.GetValue<string>() == Name;

    /// <summary>Takes the item out of <paramref name="expected"/>; it must be there exactly once.</summary>
    public void RemoveFrom(JsonNode expected)
    {
        var array = ArrayIn(expected) ?? throw new InvalidOperationException($"{File} has no array for {Name}");
        var item = Assert.Single(array, Names);
        array.Remove(item);
    }
}
