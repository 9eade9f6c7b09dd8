using CodeUpdates.Ingestion.Access;
using CodeUpdates.Tests.Support;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Xunit;

namespace CodeUpdates.Tests.Infra;

/// <summary>Builds and lints infra/main.bicep once for the tests of <see cref="InfraTemplateTests"/>.</summary>
public sealed class CompiledInfra : IAsyncLifetime
{
    public static string MainBicep => Path.Combine(RepoPaths.Root, "infra", "main.bicep");

    public BicepCli.Result Build { get; private set; } = null!;

    public BicepCli.Result Lint { get; private set; } = null!;

    public ArmTemplate Template { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Build = await BicepCli.RunAsync("build", MainBicep, "--stdout");
        Lint = await BicepCli.RunAsync("lint", MainBicep);
        Template = new ArmTemplate(
            Build.ExitCode == 0 && JsonNode.Parse(Build.StandardOutput) is JsonObject root ? root : new JsonObject());
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
