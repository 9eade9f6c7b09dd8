using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CodeUpdates.Functions.OpenApi;
using CodeUpdates.Tests.Support;

namespace CodeUpdates.Tests.Functions;

/// <summary>
/// Each example in the OpenAPI document, sent to <c>serve</c> with the real 2019 HCPCS release loaded, answers
/// with the status the document gives, and a JSON answer holds to the schema documented for that status: every
/// field it carries is documented, with the type documented, and every field the schema requires is there.
/// </summary>
[Trait(TestScope.Trait, TestScope.Integration)]
public sealed class OpenApiExampleTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Every_example_answers_as_the_document_says()
    {
        await using (var host = await IngestionHost.StartAsync(azurite))
        {
            await host.DropAsync("hcpcs/2019-01-01/HCPC2019_CONTR_ANWEB.txt", CmsFiles.Read(CmsFiles.Txt2019));
        }

        await using var serve = await ServeHost.StartAsync(azurite);
        var document = JsonNode.Parse(await serve.Http.GetStringAsync("/api/openapi.json"))!.AsObject();
        Assert.Equal(JsonNode.Parse(OpenApiDocument.Json)!.ToJsonString(), document.ToJsonString());

        var failures = new List<string>();
        var sent = 0;
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                foreach (var example in operation!["x-examples"]?.AsArray() ?? [])
                {
                    var request = example!["request"]!.GetValue<string>().Split(' ', 2);
                    using var message = new HttpRequestMessage(new HttpMethod(request[0]), request[1]);
                    if (example["body"]?.GetValue<string>() is { } body)
                    {
                        message.Content = new StringContent(body, Encoding.UTF8);
                        message.Content.Headers.ContentType = new MediaTypeHeaderValue(example["contentType"]?.GetValue<string>() ?? operation["requestBody"]!["content"]!.AsObject().First().Key);
                    }

                    using var response = await serve.Http.SendAsync(message);
                    sent++;
                    var expected = example["status"]!.GetValue<int>();
                    var where = $"{request[0]} {request[1]} ({example["summary"]})";
                    if ((int)response.StatusCode != expected)
                    {
                        failures.Add($"{where}: {(int)response.StatusCode}, documented {expected}: {await response.Content.ReadAsStringAsync()}");
                        continue;
                    }

                    var documented = operation["responses"]![expected.ToString(System.Globalization.CultureInfo.InvariantCulture)]
                        ?? operation["responses"]![$"{expected / 100}XX"];
                    if (documented is null)
                    {
                        failures.Add($"{where}: status {expected} is not among the documented responses");
                        continue;
                    }

                    var mediaType = response.Content.Headers.ContentType?.MediaType ?? string.Empty;
                    var content = documented["content"]?[mediaType];
                    if (documented["content"] is not null && content is null)
                    {
                        failures.Add($"{where}: answered {mediaType}, documented {string.Join(", ", documented["content"]!.AsObject().Select(c => c.Key))}");
                        continue;
                    }

                    if (content?["schema"] is { } schema && mediaType.EndsWith("json", StringComparison.Ordinal))
                    {
                        using var json = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
                        SchemaCheck.Conforms(document, json.RootElement, schema, where, failures);
                    }
                }
            }
        }

        Assert.True(sent >= OpenApiDocument.ApiRoutes().Count, $"only {sent} examples sent");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }
}
