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
