using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using CodeUpdates.Ingestion.Http;
using CodeUpdates.Ingestion.Subscribers;
using CodeUpdates.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CodeUpdates.Tests.Mail;

/// <summary>The static subscriber handlers called directly, over a real Azurite table, and their IResults executed as a host would.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class SubscriberEndpointsTests(AzuriteFixture azurite)
{
    private readonly SubscriberStore store = new(new TableServiceClient(azurite.ConnectionString), MailTestHost.CreateTable(new TableServiceClient(azurite.ConnectionString), "subscribers" + Guid.NewGuid().ToString("N")[..12]));

    [Fact]
    public async Task Put_stores_the_subscriber_and_get_lists_it()
    {
        var put = await Execute(await SubscriberEndpoints.PutAsync("Coder@Example.org", Body("""{ "systems": ["HCPCS", "cpt", "hcpcs"] }"""), store, default));
        var list = await Execute(await SubscriberEndpoints.ListAsync(store, default));

        Assert.Equal(200, put.Status);
        Assert.Equal("Coder@Example.org", put.Json.GetProperty("email").GetString());
        var subscriber = Assert.Single(list.Json.GetProperty("subscribers").EnumerateArray());
        Assert.Equal("Coder@Example.org", subscriber.GetProperty("email").GetString());
        Assert.Equal(["hcpcs", "cpt"], subscriber.GetProperty("systems").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task Put_again_replaces_the_systems_of_the_same_address_in_any_case()
    {
        await SubscriberEndpoints.PutAsync("coder@example.org", Body("""{ "systems": ["hcpcs"] }"""), store, default);
        await SubscriberEndpoints.PutAsync("CODER@example.org", Body("""{ "systems": ["cpt"] }"""), store, default);

        var subscriber = Assert.Single(await store.ListAsync(default));
        Assert.Equal(["cpt"], subscriber.Systems);
    }

    [Theory]
    [InlineData("not-an-address")]
    [InlineData("coder@localhost")]
    [InlineData("Coder <coder@example.org>")]
    [InlineData("coder@@example.org")]
    [InlineData("coder @example.org")]
    public async Task Invalid_address_is_a_400_problem(string email)
    {
        var result = await Execute(await SubscriberEndpoints.PutAsync(email, Body("""{ "systems": ["hcpcs"] }"""), store, default));

        Assert.Equal(400, result.Status);
        Assert.Equal("application/problem+json", result.ContentType);
        Assert.Equal("Invalid email address", result.Json.GetProperty("title").GetString());
        Assert.Empty(await store.ListAsync(default));
    }

    [Theory]
    [InlineData("""{ "systems": ["hcpcs", "icd10"] }""", "Unknown code system")]
    [InlineData("""{ "systems": [] }""", "No code systems")]
    [InlineData("""{ "systems": "hcpcs" }""", "Invalid body")]
    public async Task Unknown_or_missing_system_is_a_400_problem(string body, string title)
    {
        var result = await Execute(await SubscriberEndpoints.PutAsync("coder@example.org", Body(body), store, default));

        Assert.Equal(400, result.Status);
        Assert.Equal("application/problem+json", result.ContentType);
        Assert.Equal(title, result.Json.GetProperty("title").GetString());
        Assert.Empty(await store.ListAsync(default));
    }

    [Fact]
    public async Task Delete_removes_the_subscriber()
    {
        await SubscriberEndpoints.PutAsync("coder@example.org", Body("""{ "systems": ["hcpcs"] }"""), store, default);

        var deleted = await Execute(await SubscriberEndpoints.DeleteAsync("Coder@example.org", store, default));
        var again = await Execute(await SubscriberEndpoints.DeleteAsync("coder@example.org", store, default));

        Assert.Equal(204, deleted.Status);
        Assert.Equal(404, again.Status);
        Assert.Equal("application/problem+json", again.ContentType);
        Assert.Empty(await store.ListAsync(default));
    }

    private static HttpRequest Body(string json)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "PUT";
        context.Request.ContentType = "application/json";
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(json));
        return context.Request;
    }

    private sealed record Response(int Status, string? ContentType, JsonElement Json);

    private static async Task<Response> Execute(IResult result)
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        var body = new MemoryStream();
        context.Response.Body = body;
        await result.ExecuteAsync(context);
        var text = Encoding.UTF8.GetString(body.ToArray());
        var json = text.Length > 0 ? JsonDocument.Parse(text).RootElement.Clone() : default;
        return new Response(context.Response.StatusCode, context.Response.ContentType?.Split(';')[0], json);
    }
}
