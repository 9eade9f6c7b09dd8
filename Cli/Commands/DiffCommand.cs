using System.Text;
using CodeUpdates.Ingestion.Diff;
using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Ingestion.Reports;

namespace CodeUpdates.Cli.Commands;

/// <summary><c>codeupdates diff PRIOR CURRENT</c>: compares two release files offline.</summary>
public static class DiffCommand
{
    public const string Usage =
        "codeupdates diff PRIOR CURRENT [--system hcpcs|cpt] [--effective-prior yyyy-MM-dd] [--effective yyyy-MM-dd] [--format json|csv|xlsx|md] [--out FILE]";

    private static readonly HashSet<string> Options = new(StringComparer.OrdinalIgnoreCase)
    {
        "system", "effective-prior", "effective", "format", "out",
    };

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, CancellationToken cancellationToken)
    {
        var line = new CommandLine(args, Options);
        if (line.Positional.Count != 2)
        {
            throw new UsageException("diff needs two files: the prior release and the current one");
        }

        CodeSystem? system = null;
        if (line.Option("system") is { } systemName)
        {
            system = CodeSystems.TryParse(systemName, out var s) ? s : throw new UsageException($"--system is '{systemName}'; expected hcpcs or cpt");
        }

        var format = (line.Option("format") ?? "json").ToLowerInvariant();
        if (format is not ("json" or "csv" or "xlsx" or "md"))
        {
            throw new UsageException($"--format is '{format}'; expected json, csv, xlsx or md");
        }

        // Reading is CPU-bound and synchronous under the file read: run the two releases on two threads.
        var priorEffective = Date(line, "effective-prior");
        var currentEffective = Date(line, "effective");
        var priorTask = Task.Run(() => ReadAsync(line.Positional[0], system, priorEffective, cancellationToken), cancellationToken);
        var currentTask = Task.Run(() => ReadAsync(line.Positional[1], system, currentEffective, cancellationToken), cancellationToken);
        await Task.WhenAll(priorTask, currentTask).ConfigureAwait(false);
        var prior = await priorTask;
        var current = await currentTask;
        if (prior.Identity.System != current.Identity.System)
        {
            throw new InvalidReleaseException(current.Identity.Source, $"is a {current.Identity.System.Name()} release but {prior.Identity.Source} is {prior.Identity.System.Name()}; compare releases of one code system");
        }

        var diff = ReleaseDiff.Compare(prior, current);
        byte[] output = format switch
        {
            "xlsx" => await ChangeReportTable.ToXlsxAsync(diff, cancellationToken),
            "csv" => Encoding.UTF8.GetBytes(ChangeReportTable.ToCsv(diff)),
            "md" => Encoding.UTF8.GetBytes(ChangeReportMarkdown.Render(diff)),
            _ => Encoding.UTF8.GetBytes(ChangeReportDocument.From(diff).ToJson() + "\n"),
        };

        if (line.Option("out") is { } outPath)
        {
            await File.WriteAllBytesAsync(outPath, output, cancellationToken);
        }
        else if (format == "xlsx")
        {
            throw new UsageException("--format xlsx needs --out FILE");
        }
        else
        {
            await stdout.WriteAsync(Encoding.UTF8.GetString(output).AsMemory(), cancellationToken);
            await stdout.FlushAsync(cancellationToken);
        }

        return 0;
    }

    private static DateOnly? Date(CommandLine line, string option)
    {
        var value = line.Option(option);
        if (value is null)
        {
            return null;
        }

        return IsoDate.TryParse(value, out var date)
            ? date
            : throw new UsageException($"--{option} is '{value}'; expected yyyy-MM-dd");
    }

    private static async Task<ReleaseSnapshot> ReadAsync(string path, CodeSystem? system, DateOnly? effective, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new InvalidReleaseException(path, "file not found");
        }

        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);

        // Only the file's own folder and name identify it: folders further up say nothing about the release.
        var full = Path.GetFullPath(path);
        var name = Path.Combine(Path.GetFileName(Path.GetDirectoryName(full)) ?? string.Empty, Path.GetFileName(full));
        return ReleaseReader.Read(new ReleaseFile(name, bytes), system, effective);
    }
}
