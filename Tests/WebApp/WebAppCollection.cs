using CodeUpdates.Ingestion.Access;
using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Tests.Support;
using Microsoft.Playwright;

namespace CodeUpdates.Tests.WebApp;

[CollectionDefinition(Name)]
public sealed class WebAppCollection : ICollectionFixture<WebAppFixture>
{
    public const string Name = "Web app in a browser";
}
