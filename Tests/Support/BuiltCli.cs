using System.Diagnostics;

namespace CodeUpdates.Tests.Support;

/// <summary>The built <c>codeupdates</c> program, run as a user runs it: its own process, environment, exit code and output.</summary>
public static class BuiltCli
{
    public static string Dll { get; } = Path.Combine(RepoPaths.Root, "Cli", "bin", Configuration(), "net10.0", "codeupdates.dll");

    public static async Task<CliRun> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        TestScope.RefuseInFastRun("built codeupdates process");
        if (!File.Exists(Dll))
        {
            throw new InvalidOperationException($"{Dll} is not built");
        }

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"codeupdates {string.Join(' ', args)} still ran after 90 s");
        }

        return new CliRun(process.ExitCode, await stdout, await stderr, clock.Elapsed);
    }

    /// <summary>The configuration this test assembly was built in (bin/Debug or bin/Release), which the Cli shares.</summary>
    private static string Configuration() =>
        new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
}

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
