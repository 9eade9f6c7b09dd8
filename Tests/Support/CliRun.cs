using System.Diagnostics;

namespace CodeUpdates.Tests.Support;

/// <summary>One run of codeupdates: in-process through <see cref="CodeUpdates.Cli.CliApp"/> or as the built program.</summary>
public sealed record CliRun(int Exit, string Stdout, string Stderr, TimeSpan Elapsed)
{
    public static async Task<CliRun> InProcessAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var clock = Stopwatch.StartNew();
        var exit = await CodeUpdates.Cli.CliApp.RunAsync(args, stdout, stderr, CancellationToken.None);
        return new CliRun(exit, stdout.ToString(), stderr.ToString(), clock.Elapsed);
    }

    /// <summary>The one non-empty line of <paramref name="text"/>; fails when there are more or none.</summary>
    public static string OneLine(string text) =>
        Xunit.Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
