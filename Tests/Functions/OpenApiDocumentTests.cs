using System.Text.Json.Nodes;
using CodeUpdates.Functions.OpenApi;

namespace CodeUpdates.Tests.Functions;

/// <summary>The OpenAPI document describes exactly the routes the app declares, with schemas read from the answer types.</summary>
public sealed class OpenApiDocumentTests
{
    private static readonly JsonObject Document = JsonNode.Parse(OpenApiDocument.Json)!.AsObject();

    [Fact]
    public void Every_api_route_and_method_is_in_the_document_and_nothing_else_is()
    {
        var declared = OpenApiDocument.ApiRoutes()
            .SelectMany(r => r.Methods.Where(m => m != "head").Select(m => $"{m.ToUpperInvariant()} /{StripConstraints(r.Route)}"))
            .Order()
            .ToArray();
        var documented = Document["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Select(m => $"{m.Key.ToUpperInvariant()} {p.Key}"))
            .Order()
            .ToArray();

        Assert.NotEmpty(declared);
        Assert.Equal(declared, documented);
    }

    [Fact]
    public void Every_api_function_has_a_summary_and_an_example_and_no_note_names_a_function_that_is_gone()
    {
        var functions = OpenApiDocument.ApiRoutes().Select(r => r.Function).ToHashSet();

        var undescribed = functions.Where(f => !OperationNotes.ByFunction.TryGetValue(f, out var note) || note.Summary.Length == 0 || note.Examples.Count == 0).ToArray();
        var stale = OperationNotes.ByFunction.Keys.Where(k => !functions.Contains(k)).ToArray();

        Assert.True(undescribed.Length == 0, "no summary or example: " + string.Join(", ", undescribed));
        Assert.True(stale.Length == 0, "notes for functions that are gone: " + string.Join(", ", stale));
    }

    [Fact]
    public void Every_example_is_a_path_of_its_own_route()
    {
        foreach (var route in OpenApiDocument.ApiRoutes())
        {
            var pattern = "^/" + System.Text.RegularExpressions.Regex.Replace(
                System.Text.RegularExpressions.Regex.Escape(StripConstraints(route.Route)).Replace(@"\{", "{"), @"\{\w+}", "[^/]+") + @"(\?.*)?$";
            foreach (var example in OperationNotes.ByFunction[route.Function].Examples)
            {
                Assert.Matches(pattern, example.PathAndQuery);
            }
        }
    }

    [Fact]
    public void The_lookup_answer_schema_is_read_from_the_type_the_route_answers_with()
    {
        var getCode = Document["paths"]!["/api/codes/{system}/{code}"]!["get"]!;
        var reference = getCode["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>();
        var schema = Resolve(reference);

        var properties = schema["properties"]!.AsObject().Select(p => p.Key).ToArray();
        Assert.Contains("longDescription", properties);
        Assert.Contains("validFrom", properties);
        Assert.Equal("date", schema["properties"]!["validFrom"]!["format"]!.GetValue<string>());
        Assert.Contains("not-yet-effective", schema["properties"]!["status"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
    }

    [Fact]
    public void Every_reference_in_the_document_resolves()
    {
        var references = new List<string>();
        Collect(Document, references);

        Assert.NotEmpty(references);
        Assert.All(references, r => Assert.NotNull(Resolve(r)));
    }

    internal static JsonNode Resolve(string reference)
    {
        JsonNode? node = Document;
        foreach (var part in reference.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var key = part.Replace("~1", "/").Replace("~0", "~");
            node = node is JsonArray array ? array[int.Parse(key, System.Globalization.CultureInfo.InvariantCulture)] : node?[key];
        }

        return node ?? throw new InvalidOperationException($"{reference} does not resolve");
    }

    private static void Collect(JsonNode? node, List<string> references)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    if (key == "$ref")
                    {
                        references.Add(child!.GetValue<string>());
                    }
                    else
                    {
                        Collect(child, references);
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Collect(child, references);
                }

                break;
        }
    }

    private static string StripConstraints(string route) => System.Text.RegularExpressions.Regex.Replace(route, @"\{(\w+)(?::[^}]*)?\}", "{$1}");
}
