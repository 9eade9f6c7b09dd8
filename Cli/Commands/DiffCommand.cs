using CodeUpdates.Ingestion.Diff;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Reports;
using System.CommandLine;
using System.Text;

namespace CodeUpdates.Cli.Commands;

/// <summary><c>codeupdates diff PRIOR CURRENT</c>: compares two release files offline.</summary>
public static class DiffCommand
{
    private static readonly string[] Formats = ["json", "csv", "xlsx", "md"];

    public static Command Create(TextWriter stdout)
    {
        var prior = CliArguments.File("PRIOR", "The earlier release file (.xlsx, .xls, .txt, .csv or .zip).");
        var current = CliArguments.File("CURRENT", "The later release file, compared against PRIOR.");
        var system = CliArguments.System("The code system of both files, when their names and content do not tell.");
        var effectivePrior = new Option<string?>("--effective-prior") { HelpName = "yyyy-MM-dd", Description = "The date PRIOR takes effect, when its name does not say (CMS names do)." };
        var effective = new Option<string?>("--effective") { HelpName = "yyyy-MM-dd", Description = "The date CURRENT takes effect, when its name does not say." };
        var format = new Option<string>("--format") { HelpName = string.Join('|', Formats), DefaultValueFactory = _ => "json", Description = "json and csv list every change, md is a report for a person, xlsx a sheet per change type (needs --out)." };
        var output = new Option<string?>("--out") { HelpName = "FILE", Description = "Write to FILE instead of standard output." };
        var allowReverse = new Option<bool>("--allow-reverse") { Description = "Compare even when CURRENT takes effect before PRIOR (a backwards diff)." };

        var command = new Command("diff", "Compare two release files of one code system offline: what was added, deleted, revised.")
        {
            prior, current, system, effectivePrior, effective, format, output, allowReverse,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            new DiffRequest(
                parse.GetValue(prior)!,
                parse.GetValue(current)!,
                CliArguments.ParseSystem(parse.GetValue(system)),
                CliArguments.ParseDate(effectivePrior.Name, parse.GetValue(effectivePrior)),
                CliArguments.ParseDate(effective.Name, parse.GetValue(effective)),
                parse.GetValue(format)!.ToLowerInvariant(),
                parse.GetValue(output),
                parse.GetValue(allowReverse)),
            stdout,
            cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(DiffRequest request, TextWriter stdout, CancellationToken cancellationToken)
    {
        if (!Formats.Contains(request.Format))
        {
            throw new UsageException($"--format is '{request.Format}'; expected json, csv, xlsx or md");
        }

        if (request.Out is null && request.Format == "xlsx")
        {
            throw new UsageException("--format xlsx needs --out FILE");
        }

        // Checked before the files are read, so a typo in --out costs no parse.
        if (request.Out is { } outPath)
        {
            CheckWritable(outPath);
        }

        // Reading is CPU-bound and synchronous under the file read: run the two releases on two threads.
        var priorTask = Task.Run(() => ReadAsync(request.Prior, request.System, request.EffectivePrior, "--effective-prior", cancellationToken), cancellationToken);
        var currentTask = Task.Run(() => ReadAsync(request.Current, request.System, request.Effective, "--effective", cancellationToken), cancellationToken);
        await Task.WhenAll(priorTask, currentTask).ConfigureAwait(false);
        var prior = await priorTask;
        var current = await currentTask;
        if (prior.Identity.System != current.Identity.System)
        {
            throw new InvalidReleaseException(request.Current, $"is a {current.Identity.System.Name()} release but {request.Prior} is {prior.Identity.System.Name()}; compare releases of one code system");
        }

        if (current.Identity.Effective < prior.Identity.Effective && !request.AllowReverse)
        {
            throw new UsageException(
                $"{request.Current} takes effect {IsoDate.Format(current.Identity.Effective)}, before {request.Prior} ({IsoDate.Format(prior.Identity.Effective)}); " +
                "give the earlier release first, or add --allow-reverse to compare backwards");
        }

        var diff = ReleaseDiff.Compare(prior, current);
        byte[] bytes = request.Format switch
        {
            "xlsx" => await ChangeReportTable.ToXlsxAsync(diff, cancellationToken),
            "csv" => Encoding.UTF8.GetBytes(ChangeReportTable.ToCsv(diff)),
            "md" => Encoding.UTF8.GetBytes(ChangeReportMarkdown.Render(diff)),
            _ => Encoding.UTF8.GetBytes(ChangeReportDocument.From(diff).ToJson() + "\n"),
        };

        if (request.Out is { } path)
        {
            await File.WriteAllBytesAsync(path, bytes, cancellationToken);
        }
        else
        {
            await stdout.WriteAsync(Encoding.UTF8.GetString(bytes).AsMemory(), cancellationToken);
            await stdout.FlushAsync(cancellationToken);
        }

        return 0;
    }

    private static void CheckWritable(string path)
    {
        if (Directory.Exists(path))
        {
            throw new UsageException($"--out {path}: is a directory; give a file name");
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null && !Directory.Exists(folder))
        {
            throw new UsageException($"--out {path}: the folder {Path.GetDirectoryName(path)} does not exist; create it or write elsewhere");
        }
    }

    private static async Task<ReleaseSnapshot> ReadAsync(string path, CodeSystem? system, DateOnly? effective, string effectiveOption, CancellationToken cancellationToken)
    {
        CliArguments.ExistingFile(path);
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);

        // Only the file's own folder and name identify it: folders further up say nothing about the release.
        var full = Path.GetFullPath(path);
        var name = Path.Combine(Path.GetFileName(Path.GetDirectoryName(full)) ?? string.Empty, Path.GetFileName(full));
        try
        {
            return ReleaseReader.Read(new ReleaseFile(name, bytes), system, effective);
        }
        catch (InvalidReleaseException ex)
        {
            // The reader speaks of blobs; here the file is the one the user named, and the fix is an option.
            var problem = ex.Unresolved switch
            {
                ReleaseIdentityPart.System => "cannot tell whether this is an HCPCS or a CPT release; give --system hcpcs or --system cpt",
                ReleaseIdentityPart.Effective => $"no effective date in its name or folder; give {effectiveOption} yyyy-MM-dd",
                _ => ex.Problem,
            };
            var source = ex.Source == name ? path : $"{path}, member {ex.Source}";
            throw new InvalidReleaseException(source, problem, ex.Line);
        }
    }
}
