using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Xunit;

namespace CodeUpdates.Tests.Infra;

/// <summary>One resource of the compiled ARM JSON, with the (module) template that declares it.</summary>
public sealed record ArmResource(JsonObject Json, JsonObject Template)
{
    public string Type => (string)Json["type"]!;

    public string Name => (string)Json["name"]!;

    public JsonNode? Properties => Json["properties"];

    public string Text => Json.ToJsonString();

    /// <summary>
    /// The resource's own name (the last segment): a literal in the format() Bicep writes for child
    /// resources, or, for a loop over a variable, every element of that variable.
    /// </summary>
    public IReadOnlyList<string> LeafNames()
    {
        var loop = Regex.Match(Name, @"variables\('(?<var>[^']+)'\)\[copyIndex\(\)\]\)\]$");
        if (loop.Success)
        {
            return Template["variables"]![loop.Groups["var"].Value]!.AsArray().Select(n => (string)n!).ToList();
        }

        var literal = Regex.Match(Name, @"'(?<leaf>[^']*)'\)\]$");
        return literal.Success ? [literal.Groups["leaf"].Value] : [Name[(Name.LastIndexOf('/') + 1)..]];
    }
}
