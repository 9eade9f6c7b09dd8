namespace CodeUpdates.Cli.Commands;

/// <summary>Positional arguments and --name value options of one command.</summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, string> options = new(StringComparer.OrdinalIgnoreCase);

    public CommandLine(IEnumerable<string> args, IReadOnlySet<string> knownOptions)
    {
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var arg = e.Current;
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                Positional.Add(arg);
                continue;
            }

            var name = arg[2..];
            string? value = null;
            var eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0)
            {
                value = name[(eq + 1)..];
                name = name[..eq];
            }

            if (!knownOptions.Contains(name))
            {
                throw new UsageException($"unknown option --{name}");
            }

            if (value is null)
            {
                if (!e.MoveNext())
                {
                    throw new UsageException($"--{name} needs a value");
                }

                value = e.Current;
            }

            options[name] = value;
        }
    }

    public List<string> Positional { get; } = [];

    public string? Option(string name) => options.GetValueOrDefault(name);
}

/// <summary>The command line is wrong: print the message and the usage, exit 2.</summary>
public sealed class UsageException(string message) : Exception(message);
