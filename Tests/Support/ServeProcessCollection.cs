namespace CodeUpdates.Tests.Support;

/// <summary>
/// Tests that time the real serve process (convergence after a kill, a burst, an outage) run on their
/// own, after the parallel classes: their bounds are about serve, not about sharing two cores with the suite.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ServeProcessCollection
{
    public const string Name = "Serve process";
}
