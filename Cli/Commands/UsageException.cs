namespace CodeUpdates.Cli.Commands;

/// <summary>
/// A mistake the user can fix (the command line, a path, the storage setting): <c>codeupdates</c>
/// prints the message as one line on stderr and exits 2.
/// </summary>
public sealed class UsageException(string message) : Exception(message);
