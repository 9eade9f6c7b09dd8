namespace CodeUpdates.Tests.WebApp;

[CollectionDefinition(Name)]
public sealed class WebAppCollection : ICollectionFixture<WebAppFixture>
{
    public const string Name = "Web app in a browser";
}
