using CodeUpdates.Ingestion.ReleaseFiles;
using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Reflection;
using CodeUpdates.Cli.Commands;
using CodeUpdates.Cli.Serve;

namespace CodeUpdates.Cli;

/// <summary>The command dispatch behind <c>codeupdates</c>: what Program.cs runs, callable in-process by tests.</summary>
public static class CliApp
{
    public const string Name = "codeupdates";

    /// <summary>The informational version the build stamps on the tool (its version, and the commit it was built from).</summary>
    public static string Version { get; } =
        typeof(CliApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(CliApp).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    /// <summary>
    /// Runs one command. Every mistake a user can make (the command line, a file that is not a
    /// release, a path, unreachable or refusing storage) prints one line on <paramref name="stderr"/>
    /// and returns 2; --help and --version print to <paramref name="stdout"/> and return 0.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var parse = Build(stdout).Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            // System.CommandLine would print every error and then the whole help; one line says what to fix.
            // An unknown option also shifts the arguments after it, so the error naming an option-like token comes first.
            var error = parse.Errors.OrderBy(e => e.Message.Contains("'-", StringComparison.Ordinal) ? 0 : 1).First();
            await stderr.WriteLineAsync($"{Name}: {OneLine(error.Message).TrimEnd('.')}; see '{CommandPath(parse)} --help'");
            return 2;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false }, cancellationToken);
        }
        catch (Exception ex) when (Mistake(ex) is { } message)
        {
            await stderr.WriteLineAsync($"{Name}: {message}");
            return 2;
        }
    }

    private static Command Build(TextWriter stdout)
    {
        var root = new Command(Name, "Keeps CPT and HCPCS code sets current: compares release files, serves dated lookups, drops releases into storage.")
        {
            new HelpOption(),
            new VersionOption { Action = new PrintVersion() },
            DiffCommand.Create(stdout),
            ServeCommand.Create(stdout),
            DropCommand.Create(stdout),
        };
        root.SetAction(int (_) => throw new UsageException($"no command given; see '{Name} --help'"));
        return root;
    }

    /// <summary>The one line for an exception a user can act on; null for a fault in the program itself.</summary>
    private static string? Mistake(Exception ex) => ex switch
    {
        UsageException or InvalidReleaseException => OneLine(ex.Message),
        IOException or UnauthorizedAccessException => OneLine(ex.Message),
        _ => CliStorage.Describe(ex),
    };

    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Insert(0, result.Command.Name);
        }

        return string.Join(' ', names);
    }

    private static string OneLine(string message) =>
        string.Join(' ', message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>Prints this assembly's version: the default would print the entry assembly's, which under a test host is not the tool.</summary>
    private sealed class PrintVersion : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine($"{Name} {Version}");
            return 0;
        }
    }
}
