using CodeUpdates.Cli.Commands;
using CodeUpdates.Cli.Serve;
using CodeUpdates.Ingestion.Releases;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

const string usage = $"""
    usage:
      {DiffCommand.Usage}
      {ServeCommand.Usage}
      {DropCommand.Usage}
    """;

try
{
    return args.FirstOrDefault() switch
    {
        "diff" => await DiffCommand.RunAsync(args[1..], Console.Out, cancellation.Token),
        "serve" => await ServeCommand.RunAsync(args[1..], cancellation.Token),
        "drop" => await DropCommand.RunAsync(args[1..], Console.Out, cancellation.Token),
        "--help" or "-h" or "help" => Help(),
        null => throw new UsageException("no command given"),
        var other => throw new UsageException($"unknown command '{other}'"),
    };
}
catch (UsageException ex)
{
    await Console.Error.WriteLineAsync($"codeupdates: {ex.Message}\n{usage}");
    return 2;
}
catch (InvalidReleaseException ex)
{
    await Console.Error.WriteLineAsync($"codeupdates: {ex.Message}");
    return 2;
}

static int Help()
{
    Console.WriteLine(usage);
    return 0;
}
