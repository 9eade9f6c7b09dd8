using CodeUpdates.Ingestion.Answers;
using CodeUpdates.Ingestion.Subscribers;
using CodeUpdates.Tests.Mail;
using CodeUpdates.Tests.Support;
using Azure.Data.Tables;

namespace CodeUpdates.Tests.Subscribers;

/// <summary>The subscriber changes the API makes, over a real Azurite table of the test's own.</summary>
[Trait(TestScope.Trait, TestScope.Integration)]
public sealed class SubscriberDirectoryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly SubscriberStore store = new(new TableServiceClient(azurite.ConnectionString), MailTestHost.CreateTable(new TableServiceClient(azurite.ConnectionString), "subscribers" + Guid.NewGuid().ToString("N")[..12]));

    private SubscriberDirectory Directory => new(store);

    [Fact]
    public async Task Put_stores_the_subscriber_and_list_has_it()
    {
        var put = await Directory.PutAsync("Coder@Example.org", Systems("HCPCS", "cpt", "hcpcs"), default);
        var list = await Directory.ListAsync(default);

        Assert.True(put.Found);
        Assert.Equal("Coder@Example.org", put.Value.Email);
        var subscriber = Assert.Single(list.Subscribers);
        Assert.Equal("Coder@Example.org", subscriber.Email);
        Assert.Equal(["hcpcs", "cpt"], subscriber.Systems);
    }

    [Fact]
    public async Task Put_again_replaces_the_systems_of_the_same_address_in_any_case()
    {
        await Directory.PutAsync("coder@example.org", Systems("hcpcs"), default);
        await Directory.PutAsync("CODER@example.org", Systems("cpt"), default);

        var subscriber = Assert.Single(await store.ListAsync(default));
        Assert.Equal(["cpt"], subscriber.Systems);
    }

    [Fact]
    public async Task An_address_escaped_in_the_route_is_read_unescaped()
    {
        var put = await Directory.PutAsync("coder%40example.org", Systems("hcpcs"), default);

        Assert.Equal("coder@example.org", put.Value?.Email);
    }

    [Theory]
    [InlineData("not-an-address")]
    [InlineData("coder@localhost")]
    [InlineData("Coder <coder@example.org>")]
    [InlineData("coder@@example.org")]
    [InlineData("coder @example.org")]
    public async Task Invalid_address_is_refused(string email)
    {
        var put = await Directory.PutAsync(email, Systems("hcpcs"), default);

        AssertRefused(put.Refusal, RefusalKind.Invalid, "Invalid email address");
        Assert.Empty(await store.ListAsync(default));
    }

    [Theory]
    [InlineData(new[] { "hcpcs", "icd10" }, "Unknown code system")]
    [InlineData(new string[0], "No code systems")]
    [InlineData(null, "No code systems")]
    public async Task Unknown_or_missing_system_is_refused(string[]? systems, string title)
    {
        var put = await Directory.PutAsync("coder@example.org", new SubscriberRequest(systems), default);

        AssertRefused(put.Refusal, RefusalKind.Invalid, title);
        Assert.Empty(await store.ListAsync(default));
    }

    [Fact]
    public async Task Delete_removes_the_subscriber_and_again_is_not_found()
    {
        await Directory.PutAsync("coder@example.org", Systems("hcpcs"), default);

        var deleted = await Directory.DeleteAsync("Coder@example.org", default);
        var again = await Directory.DeleteAsync("coder@example.org", default);

        Assert.Null(deleted);
        AssertRefused(again, RefusalKind.NotFound, "No such subscriber");
        Assert.Empty(await store.ListAsync(default));
    }

    private static SubscriberRequest Systems(params string[] names) => new(names);

    private static void AssertRefused(Refusal? refusal, RefusalKind kind, string title)
    {
        Assert.NotNull(refusal);
        Assert.Equal(kind, refusal.Kind);
        Assert.Equal(title, refusal.Title);
    }
}
