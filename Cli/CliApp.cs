using CodeUpdates.Cli.Commands;
using CodeUpdates.Cli.Serve;
using CodeUpdates.Ingestion.Releases;

namespace CodeUpdates.Cli;

/// <summary>The command dispatch behind <c>codeupdates</c>: what Program.cs runs, callable in-process by tests.</summary>
public static class CliApp
{
    public static readonly string Usage = $"""
        usage:
          {DiffCommand.Usage}
          {ServeCommand.Usage}
          {DropCommand.Usage}
        """;

    /// <summary>Runs one command; a wrong command line or a file that is not a release prints one reason on <paramref name="stderr"/> and returns 2.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        try
        {
            return args.FirstOrDefault() switch
            {
                "diff" => await DiffCommand.RunAsync(args[1..], stdout, cancellationToken),
                "serve" => await ServeCommand.RunAsync(args[1..], cancellationToken),
                "drop" => await DropCommand.RunAsync(args[1..], stdout, cancellationToken),
                "--help" or "-h" or "help" => await Help(stdout),
                null => throw new UsageException("no command given"),
                var other => throw new UsageException($"unknown command '{other}'"),
            };
        }
        catch (UsageException ex)
        {
            await stderr.WriteLineAsync($"codeupdates: {ex.Message}\n{Usage}");
            return 2;
        }
        catch (InvalidReleaseException ex)
        {
            await stderr.WriteLineAsync($"codeupdates: {ex.Message}");
            return 2;
        }
    }

    private static async Task<int> Help(TextWriter stdout)
    {
        await stdout.WriteLineAsync(Usage);
        return 0;
    }
}
