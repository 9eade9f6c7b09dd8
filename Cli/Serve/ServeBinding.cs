using CodeUpdates.Ingestion.Access;
using System.Net;
using CodeUpdates.Cli.Commands;

namespace CodeUpdates.Cli.Serve;

/// <summary>
/// Where <c>serve --urls</c> listens, and whether that is safe for the access mode: without sign-in a host
/// reachable from other machines needs an admin key, and behind <c>--require-auth</c> a sign-in proxy.
/// </summary>
public static class ServeBinding
{
    /// <summary>
    /// Stops with a <see cref="UsageException"/> when <paramref name="urls"/> (Kestrel's <c>;</c>-separated list)
    /// holds a URL that is not an absolute http or https URL, or one reachable from other machines while
    /// <paramref name="policy"/> cannot admit their callers; returns a warning for the caller of serve, or null.
    /// </summary>
    public static string? Check(string urls, AccessPolicy policy)
    {
        // Kestrel skips empty entries the same way.
        var addresses = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Parse).ToList();
        if (addresses.Count == 0)
        {
            throw NotAUrl(urls);
        }

        if (addresses.Find(a => ReachesOtherMachines(a.Address)) is not { } beyond)
        {
            return null;
        }

        return policy.Mode switch
        {
            AccessMode.Platform => $"warning: --urls {beyond.Url} is reachable from other machines and --require-auth trusts {ClientPrincipalHeader.Name} as sent; a sign-in proxy must stand in front",
            AccessMode.Local when !policy.AnswersOtherMachines => throw new UsageException(
                $"--urls {beyond.Url} is reachable from other machines and serve has no sign-in; set {AccessPolicy.AdminKeyVariable} to a key of at least {AccessPolicy.AdminKeyMinimumLength} characters (callers send it in {AccessPolicy.AdminKeyHeader}), or bind 127.0.0.1"),
            _ => null,
        };
    }

    /// <summary>
    /// Whether Kestrel, listening at <paramref name="url"/>, answers other machines: every host but loopback
    /// addresses, <c>localhost</c> and sockets (a wildcard and any other host name bind every interface).
    /// </summary>
    public static bool ReachesOtherMachines(string url) => ReachesOtherMachines(Parse(url).Address);

    private static bool ReachesOtherMachines(BindingAddress address) =>
        !(address.IsUnixPipe
            || address.IsNamedPipe
            || address.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(address.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip)));

    private static Listen Parse(string url)
    {
        try
        {
            // Kestrel's own parser, which also takes its wildcards; it reads a port it cannot parse as part of the host.
            var address = BindingAddress.Parse(url);
            if ((address.Scheme.Equals("http", StringComparison.OrdinalIgnoreCase) || address.Scheme.Equals("https", StringComparison.OrdinalIgnoreCase))
                && (address.IsUnixPipe || address.IsNamedPipe || address.Host is "*" or "+" || Uri.CheckHostName(address.Host.Trim('[', ']')) != UriHostNameType.Unknown))
            {
                return new Listen(url, address);
            }
        }
        catch (FormatException)
        {
            // Answered below, as a scheme other than http or https is.
        }

        throw NotAUrl(url);
    }

    private static UsageException NotAUrl(string url) =>
        new($"--urls '{url}' is not an absolute http or https URL; e.g. {ServeCommand.DefaultUrl}, or several separated by ';'");

    /// <summary>One URL of --urls as given, and as Kestrel reads it.</summary>
    private sealed record Listen(string Url, BindingAddress Address);
}
