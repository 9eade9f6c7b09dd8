using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using CodeUpdates.Functions.Http;
using CodeUpdates.Ingestion.Answers;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;

namespace CodeUpdates.Functions.OpenApi;

/// <summary>
/// The OpenAPI 3.1 description of every route under <c>api/</c>, built from the functions themselves: the method,
/// path and path parameters from their trigger attributes, the answer's schema from their return type (the JSON
/// the app writes, with <see cref="WebJson.Options"/>), and the rest from <see cref="OperationNotes"/>. So the
/// document and the route table cannot drift apart: a route is described the moment it exists, or the test fails.
/// </summary>
public static partial class OpenApiDocument
{
    private const string ProblemSchema = "Problem";
    private const string FhirResourceSchema = "FhirResource";

    private static readonly Lazy<string> Built = new(() => Build().ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

    /// <summary>The document as JSON text, built once.</summary>
    public static string Json => Built.Value;

    /// <summary>Every HTTP function under <c>api/</c>: its name, the methods it answers and its route.</summary>
    public static IReadOnlyList<HttpRoute> ApiRoutes() =>
        [.. from method in typeof(OpenApiDocument).Assembly.GetTypes().SelectMany(t => t.GetMethods())
            let function = method.GetCustomAttribute<FunctionAttribute>()
            from trigger in method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).OfType<HttpTriggerAttribute>()
            where function is not null && trigger.Route is { } route && route.StartsWith("api/", StringComparison.Ordinal)
            orderby trigger.Route, function.Name
            select new HttpRoute(function.Name, [.. trigger.Methods!.Select(m => m.ToLowerInvariant())], trigger.Route!, method)];

    public static JsonObject Build()
    {
        var schemaOptions = new JsonSerializerOptions(WebJson.Options) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
        var schemas = new JsonObject
        {
            [ProblemSchema] = new JsonObject
            {
                ["type"] = "object",
                ["description"] = "RFC 9457 problem details: what was wrong and how to put it right.",
                ["properties"] = new JsonObject
                {
                    ["type"] = new JsonObject { ["type"] = "string" },
                    ["title"] = new JsonObject { ["type"] = "string" },
                    ["status"] = new JsonObject { ["type"] = "integer" },
                    ["detail"] = new JsonObject { ["type"] = "string" },
                },
            },
            [FhirResourceSchema] = new JsonObject
            {
                ["type"] = "object",
                ["description"] = "A FHIR R4 resource (Parameters, Bundle, CodeSystem, CapabilityStatement, OperationOutcome, ...), as https://hl7.org/fhir/R4/ defines it.",
                ["required"] = new JsonArray("resourceType"),
                ["properties"] = new JsonObject { ["resourceType"] = new JsonObject { ["type"] = "string" } },
                ["additionalProperties"] = new JsonObject(),
            },
        };

        string Schema(Type type)
        {
            var name = type.Name;
            if (!schemas.ContainsKey(name))
            {
                var exported = JsonSchemaExporter.GetJsonSchemaAsNode(schemaOptions, type, new JsonSchemaExporterOptions { TreatNullObliviousAsNonNullable = true });

                // The exporter points a repeated or recursive type at its first place in this one schema ("#/..."); here that schema sits under components.
                Rebase(exported, $"#/components/schemas/{name}");
                schemas[name] = exported;
            }

            return $"#/components/schemas/{name}";
        }

        var paths = new JsonObject();
        foreach (var route in ApiRoutes())
        {
            var path = "/" + RouteParameter().Replace(route.Route, m => "{" + m.Groups[1].Value + "}");
            if (paths[path] is not JsonObject item)
            {
                item = [];
                paths[path] = item;
            }

            var note = OperationNotes.ByFunction.GetValueOrDefault(route.Function);
            foreach (var method in route.Methods.Where(m => m != "head"))
            {
                item[method] = Operation(route, note, method, Schema);
            }
        }

        return new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JsonObject
            {
                ["title"] = "CodeUpdates API",
                ["version"] = "1",
                ["description"] = "CPT and HCPCS codes as they stood on any service date, each release's changes, and change-report subscribers. " +
                    "Every GET also answers HEAD. Cacheable answers carry a strong ETag; send it back in If-None-Match for a 304. " +
                    "Refusals are application/problem+json. Where sign-in is on, App Service authentication guards the routes by role.",
            },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = schemas },
        };
    }

    private static JsonObject Operation(HttpRoute route, OperationNote? note, string method, Func<Type, string> schema)
    {
        var parameters = new JsonArray();
        foreach (Match match in RouteParameter().Matches(route.Route))
        {
            parameters.Add(new JsonObject
            {
                ["name"] = match.Groups[1].Value,
                ["in"] = "path",
                ["required"] = true,
                ["schema"] = new JsonObject { ["type"] = "string" },
            });
        }

        foreach (var query in note?.Query ?? [])
        {
            var type = new JsonObject { ["type"] = query.Format is "int32" ? "integer" : "string" };
            if (query.Format is { } format)
            {
                type["format"] = format;
            }

            if (query.Values is { } values)
            {
                type["enum"] = new JsonArray([.. values.Select(v => (JsonNode)v)]);
            }

            parameters.Add(new JsonObject { ["name"] = query.Name, ["in"] = "query", ["required"] = query.Required, ["description"] = query.Description, ["schema"] = type });
        }

        var operation = new JsonObject
        {
            ["operationId"] = route.Function,
            ["tags"] = new JsonArray(note?.Tag ?? "Other"),
            ["summary"] = note?.Summary,
            ["parameters"] = parameters,
        };

        if (note?.Body is { } body && method is "post" or "put")
        {
            var content = new JsonObject();
            foreach (var mediaType in body.MediaTypes)
            {
                content[mediaType] = mediaType switch
                {
                    "application/json" when body.JsonType is { } jsonType => new JsonObject { ["schema"] = Ref(schema(jsonType)), ["example"] = JsonNode.Parse(body.Example) },
                    "application/fhir+json" => new JsonObject { ["schema"] = Ref($"#/components/schemas/{FhirResourceSchema}"), ["example"] = JsonNode.Parse(body.Example) },
                    _ => new JsonObject { ["schema"] = new JsonObject { ["type"] = "string" }, ["example"] = body.Example },
                };
            }

            operation["requestBody"] = new JsonObject { ["required"] = body.Required, ["content"] = content };
        }

        operation["responses"] = Responses(route.Method, note, schema);
        if (note is { Examples.Count: > 0 })
        {
            operation["x-examples"] = new JsonArray([.. note.Examples.Select(e => (JsonNode)new JsonObject
            {
                ["summary"] = e.Summary,
                ["request"] = $"{(e.Body is null ? route.Methods[0] : method).ToUpperInvariant()} {e.PathAndQuery}",
                ["body"] = e.Body,
                ["contentType"] = e.ContentType,
                ["status"] = e.Status,
            })]);
        }

        return operation;
    }

    /// <summary>The answers a function can give, read from its return type.</summary>
    private static JsonObject Responses(MethodInfo function, OperationNote? note, Func<Type, string> schema)
    {
        var returned = function.ReturnType;
        if (returned.IsGenericType && (returned.GetGenericTypeDefinition() == typeof(Task<>) || returned.GetGenericTypeDefinition() == typeof(ValueTask<>)))
        {
            returned = returned.GetGenericArguments()[0];
        }

        var results = returned.IsGenericType && returned.Name.StartsWith("Results`", StringComparison.Ordinal) ? returned.GetGenericArguments() : [returned];
        var responses = new JsonObject();
        foreach (var result in results)
        {
            if (result.IsGenericType && result.GetGenericTypeDefinition() == typeof(JsonHttpResult<>))
            {
                responses["200"] = Content("OK", "application/json", Ref(schema(result.GetGenericArguments()[0])));
            }
            else if (result == typeof(FileContentHttpResult) || result == typeof(PushStreamHttpResult))
            {
                var content = new JsonObject();
                foreach (var mediaType in note?.FileTypes ?? ["application/octet-stream"])
                {
                    content[mediaType] = new JsonObject
                    {
                        ["schema"] = mediaType == "application/json"
                            ? note?.FileJsonType is { } jsonType ? Ref(schema(jsonType)) : new JsonObject { ["type"] = "object" }
                            : new JsonObject { ["type"] = "string", ["contentMediaType"] = mediaType },
                    };
                }

                responses["200"] = new JsonObject { ["description"] = "OK", ["content"] = content };
            }
            else if (result == typeof(ContentHttpResult))
            {
                responses["200"] = Content("OK", "application/json", new JsonObject { ["type"] = "object" });
            }
            else if (result == typeof(NoContent))
            {
                responses["204"] = new JsonObject { ["description"] = "Done" };
            }
            else if (result == typeof(StatusCodeHttpResult))
            {
                responses["304"] = new JsonObject { ["description"] = "Not modified: If-None-Match holds the answer's ETag" };
            }
            else if (result == typeof(ProblemHttpResult))
            {
                responses["4XX"] = Content("Refused: the detail says why and what to send instead", "application/problem+json", Ref($"#/components/schemas/{ProblemSchema}"));
            }
            else if (result == typeof(Microsoft.AspNetCore.Http.IResult))
            {
                responses["200"] = Content("OK (application/fhir+xml too, by Accept or _format)", OperationNotes.FhirMediaType, Ref($"#/components/schemas/{FhirResourceSchema}"));
                responses["4XX"] = Content("Refused: an OperationOutcome says why", OperationNotes.FhirMediaType, Ref($"#/components/schemas/{FhirResourceSchema}"));
            }
        }

        return responses;
    }

    private static void Rebase(JsonNode? node, string root)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["$ref"] is JsonValue reference && reference.GetValue<string>() is { } target && target.StartsWith('#') && !target.StartsWith("#/components/", StringComparison.Ordinal))
                {
                    obj["$ref"] = root + target[1..];
                }

                foreach (var (_, child) in obj.ToArray())
                {
                    Rebase(child, root);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Rebase(child, root);
                }

                break;
        }
    }

    private static JsonObject Content(string description, string mediaType, JsonNode schema) =>
        new() { ["description"] = description, ["content"] = new JsonObject { [mediaType] = new JsonObject { ["schema"] = schema } } };

    private static JsonObject Ref(string reference) => new() { ["$ref"] = reference };

    [GeneratedRegex(@"\{(\w+)(?::[^}]*)?\}")]
    private static partial Regex RouteParameter();
}
