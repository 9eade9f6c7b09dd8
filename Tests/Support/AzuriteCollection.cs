namespace CodeUpdates.Tests.Support;

/// <summary>For test classes that must share one Azurite (and so run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
