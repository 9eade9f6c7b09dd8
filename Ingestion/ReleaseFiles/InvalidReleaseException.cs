namespace CodeUpdates.Ingestion.ReleaseFiles;

/// <summary>
/// The file can never become a release as it is. The message says, for a person, which file,
/// where in it (line or row when known) and what was expected; it never carries a stack trace.
/// Input that throws this is rejected and quarantined, not retried.
/// </summary>
public sealed class InvalidReleaseException : Exception
{
    public InvalidReleaseException(string source, string problem, int? line = null)
        : base(Format(source, problem, line))
    {
        Source = source;
        Problem = problem;
        Line = line;
    }

    public new string Source { get; }

    public string Problem { get; }

    /// <summary>1-based line (text) or row (spreadsheet) number, when the problem is at one place.</summary>
    public int? Line { get; }

    /// <summary>Set when the file reads but its identity could not be found, so each host can say how to give it (blob path or metadata, CLI option).</summary>
    public ReleaseIdentityPart? Unresolved { get; init; }

    private static string Format(string source, string problem, int? line) =>
        line is { } n ? $"{source}, line {n}: {problem}" : $"{source}: {problem}";
}
