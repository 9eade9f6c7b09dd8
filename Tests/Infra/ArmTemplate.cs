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

/// <summary>The template `bicep build` produced, with every module's resources flattened out.</summary>
public sealed class ArmTemplate
{
    public ArmTemplate(JsonObject root)
    {
        Root = root;
        Resources = Flatten(root).ToList();
    }

    public JsonObject Root { get; }

    public IReadOnlyList<ArmResource> Resources { get; }

    public IReadOnlyList<ArmResource> OfType(string type) =>
        Resources.Where(r => string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase)).ToList();

    public ArmResource Single(string type)
    {
        var found = OfType(type);
        Assert.True(found.Count == 1, $"expected one {type}, found {found.Count}");
        return found[0];
    }

    private static IEnumerable<ArmResource> Flatten(JsonObject template)
    {
        var resources = template["resources"] switch
        {
            JsonArray array => array.Select(n => n!.AsObject()),
            JsonObject symbolic => symbolic.Select(p => p.Value!.AsObject()),
            _ => [],
        };
        foreach (var resource in resources)
        {
            yield return new ArmResource(resource, template);
            if (resource["properties"]?["template"] is JsonObject nested)
            {
                foreach (var inner in Flatten(nested))
                {
                    yield return inner;
                }
            }
        }
    }
}
