using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Xunit;

namespace CodeUpdates.Tests.Infra;

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
