namespace CodeUpdates.Tests.Support;

/// <summary>
/// Which tests <c>./scripts/test --fast</c> leaves out: those that start Azurite, smtp4dev, the
/// built CLI, Bicep or a browser carry <c>[Trait(TestScope.Trait, TestScope.Integration)]</c>.
/// In a fast run every such start is refused, so a test that needs one and lacks the trait fails
/// there with a message that says so, instead of making the fast loop slow.
/// </summary>
public static class TestScope
{
    public const string Trait = "Scope";

    public const string Integration = "Integration";

    /// <summary>Set by <c>./scripts/test --fast</c>.</summary>
    public const string FastRunVariable = "CODEUPDATES_FAST_TESTS";

    public static void RefuseInFastRun(string what)
    {
        if (Environment.GetEnvironmentVariable(FastRunVariable) == "1")
        {
            throw new InvalidOperationException($"a fast run starts no {what}: mark the test class [Trait(TestScope.Trait, TestScope.Integration)]");
        }
    }
}
