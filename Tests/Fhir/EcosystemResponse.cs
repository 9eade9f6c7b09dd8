using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;

namespace CodeUpdates.Tests.Fhir;

/// <summary>
/// Compares an answer with a response file of the HL7 terminology ecosystem's test cases, by the rules its readme gives:
/// array order never matters, every property of the expected resource must be there with the same value (an expected
/// object marked <c>$optional$</c> may be absent), and a <c>$...$</c> string stands for any value of its kind
/// (<c>$date$</c>, <c>$url$</c>, <c>$token$</c>, <c>$string$</c>, <c>$semver$</c>, <c>$version$</c> are checked for it;
/// any other placeholder for any value). <see cref="EcosystemComparison.Exact"/> allows nothing else in the answer;
/// <see cref="EcosystemComparison.Minimum"/> allows more properties and more array items, each expected item matched
/// by a distinct item of the answer.
/// </summary>
public static partial class EcosystemResponse
{
    public static void AssertMatches(JsonNode expected, JsonNode actual) => AssertSame(expected, actual, EcosystemComparison.Exact);

    /// <summary>Every expected thing is found in <paramref name="actual"/>, which may say more.</summary>
    public static void AssertContains(JsonNode expected, JsonNode actual) => AssertSame(expected, actual, EcosystemComparison.Minimum);

    /// <summary>The first thing expected and not found, or null when the answer holds everything expected.</summary>
    public static string? Difference(JsonNode expected, JsonNode actual, EcosystemComparison comparison) =>
        Difference(expected, actual, "$", comparison);

    private static void AssertSame(JsonNode expected, JsonNode actual, EcosystemComparison comparison)
    {
        var problem = Difference(expected, actual, "$", comparison);
        Assert.True(problem is null, $"{problem}\nexpected: {expected.ToJsonString()}\nactual: {actual.ToJsonString()}");
    }

    private static string? Difference(JsonNode? expected, JsonNode? actual, string path, EcosystemComparison comparison)
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
                        // An absent optional object leaves the object's other properties still to be compared.
                        if (value is JsonObject { } optional && optional.ContainsKey("$optional$"))
                        {
                            continue;
                        }

                        return $"{path}.{name}: missing";
                    }

                    if (Difference(value, actualObject[name], $"{path}.{name}", comparison) is { } inner)
                    {
                        return inner;
                    }
                }

                var extra = actualObject.Select(p => p.Key).FirstOrDefault(name => !expectedObject.ContainsKey(name));
                return extra is null || comparison == EcosystemComparison.Minimum ? null : $"{path}.{extra}: not expected";

            case JsonArray expectedArray:
                if (actual is not JsonArray actualArray)
                {
                    return $"{path}: expected an array";
                }

                var unmatched = actualArray.ToList();
                foreach (var (item, i) in expectedArray.Select((item, i) => (item, i)))
                {
                    var match = unmatched.FirstOrDefault(candidate => Difference(item, candidate, path, comparison) is null);
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

                return unmatched.Count == 0 || comparison == EcosystemComparison.Minimum ? null : $"{path}: not expected {unmatched[0]?.ToJsonString()}";

            default:
                var text = expected?.ToJsonString();
                if (text is not null && text.StartsWith("\"$", StringComparison.Ordinal) && text.EndsWith("$\"", StringComparison.Ordinal))
                {
                    if (actual is null)
                    {
                        return $"{path}: missing";
                    }

                    var placeholder = expected!.GetValue<string>();
                    return IsOfKind(placeholder, actual) ? null : $"{path}: expected {placeholder}, answered {actual.ToJsonString()}";
                }

                return text == actual?.ToJsonString() ? null : $"{path}: expected {text}, answered {actual?.ToJsonString()}";
        }
    }

    // The kinds the ecosystem's runner checks a placeholder's value for (its CompareUtilities), where the check is cheap here;
    // $version$ is there the FHIR version the server speaks, here any FHIR version Firely knows.
    private static bool IsOfKind(string placeholder, JsonNode actual)
    {
        var known = placeholder is "$date$" or "$url$" or "$token$" or "$string$" or "$semver$" or "$version$";
        if (!known)
        {
            return true;
        }

        if (actual.GetValueKind() != JsonValueKind.String)
        {
            return false;
        }

        var value = actual.GetValue<string>();
        return placeholder switch
        {
            "$date$" => FhirDateTime.IsValidValue(value),
            "$url$" => Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps),
            "$token$" => Token().IsMatch(value),
            "$string$" => value.Length > 0 && value == value.Trim(),
            "$semver$" => SemVer().IsMatch(value),
            _ => EnumUtility.ParseLiteral<FHIRVersion>(value) is not null,
        };
    }

    [GeneratedRegex("^[0-9a-zA-Z_][0-9a-zA-Z_.-]*$")]
    private static partial Regex Token();

    [GeneratedRegex(@"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$")]
    private static partial Regex SemVer();
}
