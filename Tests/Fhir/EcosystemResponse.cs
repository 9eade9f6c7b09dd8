using System.Text.Json.Nodes;

namespace CodeUpdates.Tests.Fhir;

/// <summary>
/// Compares an answer with a response file of the HL7 terminology ecosystem's test cases, by the rules its readme gives:
/// array order never matters, every property of the expected resource must be there with the same value, none other may
/// be (an expected object marked <c>$optional$</c> may be absent), and a <c>$...$</c> string stands for any value.
/// </summary>
public static class EcosystemResponse
{
    public static void AssertMatches(JsonNode expected, JsonNode actual)
    {
        var problem = Difference(expected, actual, "$");
        Assert.True(problem is null, $"{problem}\nexpected: {expected.ToJsonString()}\nactual: {actual.ToJsonString()}");
    }

    private static string? Difference(JsonNode? expected, JsonNode? actual, string path)
    {
        switch (expected)
        {
            case JsonObject expectedObject:
                if (actual is not JsonObject actualObject)
                {
                    return $"{path}: expected an object";
                }

                foreach (var (name, value) in expectedObject)
                {
                    if (name.StartsWith('$'))
                    {
                        continue;
                    }

                    if (!actualObject.ContainsKey(name))
                    {
                        return value is JsonObject { } optional && optional.ContainsKey("$optional$") ? null : $"{path}.{name}: missing";
                    }

                    if (Difference(value, actualObject[name], $"{path}.{name}") is { } inner)
                    {
                        return inner;
                    }
                }

                var extra = actualObject.Select(p => p.Key).FirstOrDefault(name => !expectedObject.ContainsKey(name));
                return extra is null ? null : $"{path}.{extra}: not expected";

            case JsonArray expectedArray:
                if (actual is not JsonArray actualArray)
                {
                    return $"{path}: expected an array";
                }

                var unmatched = actualArray.ToList();
                foreach (var (item, i) in expectedArray.Select((item, i) => (item, i)))
                {
                    var match = unmatched.FirstOrDefault(candidate => Difference(item, candidate, path) is null);
                    if (match is null)
                    {
                        var optional = item is JsonObject o && o.ContainsKey("$optional$");
                        if (!optional)
                        {
                            return $"{path}[{i}]: nothing in the answer matches {item?.ToJsonString()}";
                        }

                        continue;
                    }

                    unmatched.Remove(match);
                }

                return unmatched.Count == 0 ? null : $"{path}: not expected {unmatched[0]?.ToJsonString()}";

            default:
                var text = expected?.ToJsonString();
                if (text is not null && text.StartsWith("\"$", StringComparison.Ordinal) && text.EndsWith("$\"", StringComparison.Ordinal))
                {
                    return actual is null ? $"{path}: missing" : null;
                }

                return text == actual?.ToJsonString() ? null : $"{path}: expected {text}, answered {actual?.ToJsonString()}";
        }
    }
}
