using CodeUpdates.Ingestion.ReleaseFiles;
using System.CommandLine;

namespace CodeUpdates.Cli.Commands;

/// <summary>The argument and option rules the commands share, each failing with one line that names what to fix.</summary>
internal static class CliArguments
{
    /// <summary>A file argument that takes no option-like token: System.CommandLine would read an unknown <c>--opt</c> as the file.</summary>
    public static Argument<string> File(string name, string description)
    {
        var argument = new Argument<string>(name) { Description = description };
        argument.Validators.Add(result =>
        {
            if (result.Tokens.FirstOrDefault()?.Value is { } value && value.StartsWith("--", StringComparison.Ordinal))
            {
                result.AddError($"unknown option '{value}'");
            }
        });
        return argument;
    }

    public static Option<string?> System(string description) =>
        new("--system") { HelpName = "hcpcs|cpt", Description = description };

    public static CodeSystem? ParseSystem(string? value) =>
        value is null ? null
        : CodeSystems.TryParse(value, out var system) ? system
        : throw new UsageException($"--system is '{value}'; expected hcpcs or cpt");

    public static DateOnly? ParseDate(string option, string? value) =>
        value is null ? null
        : IsoDate.TryParse(value, out var date) ? date
        : throw new UsageException($"{option} is '{value}'; expected yyyy-MM-dd");

    /// <summary>Fails with the path as the user gave it when it is missing or a folder.</summary>
    public static void ExistingFile(string path)
    {
        if (Directory.Exists(path))
        {
            throw new UsageException($"{path}: is a directory; give a release file");
        }

        if (!global::System.IO.File.Exists(path))
        {
            throw new UsageException($"{path}: file not found");
        }
    }
}
