using System.Text.Json;
using System.Text.Json.Nodes;

namespace CodeUpdates.Tests.Functions;

/// <summary>
/// Holds a JSON value to a JSON Schema as the OpenAPI document writes them (type, enum, properties, required,
/// additionalProperties, items, $ref, anyOf): enough to tell an answer that drifted from its description.
/// </summary>
internal static class SchemaCheck
{
    public static void Conforms(JsonObject document, JsonElement value, JsonNode schema, string where, List<string> failures)
    {
        while (schema["$ref"] is JsonValue reference)
        {
            schema = Resolve(document, reference.GetValue<string>());
        }

        if (schema["anyOf"] is JsonArray anyOf)
        {
            var any = anyOf.Any(option =>
            {
                var tried = new List<string>();
                Conforms(document, value, option!, where, tried);
                return tried.Count == 0;
            });
            if (!any)
            {
                failures.Add($"{where}: {value.ValueKind} matches none of anyOf");
            }

            return;
        }

        if (schema["type"] is { } type)
        {
            var allowed = type is JsonArray types ? types.Select(t => t!.GetValue<string>()).ToArray() : [type.GetValue<string>()];
            if (!allowed.Any(t => Is(value, t)))
            {
                failures.Add($"{where}: a {value.ValueKind} where the schema says {string.Join(" or ", allowed)}");
                return;
            }
        }

        if (schema["enum"] is JsonArray values && !values.Any(v => JsonNode.DeepEquals(v, JsonNode.Parse(value.GetRawText()))))
        {
            failures.Add($"{where}: {value.GetRawText()} is not one of {values.ToJsonString()}");
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            var properties = schema["properties"]?.AsObject();
            foreach (var property in value.EnumerateObject())
            {
                if (properties?[property.Name] is { } propertySchema)
                {
                    Conforms(document, property.Value, propertySchema, $"{where}.{property.Name}", failures);
                }
                else if (schema["additionalProperties"] is JsonObject extra)
                {
                    Conforms(document, property.Value, extra, $"{where}.{property.Name}", failures);
                }
                else if (properties is not null)
                {
                    failures.Add($"{where}: field '{property.Name}' is not documented");
                }
            }

            foreach (var required in schema["required"]?.AsArray() ?? [])
            {
                if (!value.TryGetProperty(required!.GetValue<string>(), out _))
                {
                    failures.Add($"{where}: required field '{required}' is missing");
                }
            }
        }
        else if (value.ValueKind == JsonValueKind.Array && schema["items"] is { } items)
        {
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                Conforms(document, item, items, $"{where}[{index++}]", failures);
            }
        }
    }

    private static bool Is(JsonElement value, string type) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "number" => value.ValueKind == JsonValueKind.Number,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => false,
    };

    private static JsonNode Resolve(JsonObject document, string reference)
    {
        JsonNode? node = document;
        foreach (var part in reference.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var key = part.Replace("~1", "/").Replace("~0", "~");
            node = node is JsonArray array ? array[int.Parse(key, System.Globalization.CultureInfo.InvariantCulture)] : node?[key];
        }

        return node ?? throw new InvalidOperationException($"{reference} does not resolve");
    }
}
