using Microsoft.Azure.WebJobs.Host.Executors;

namespace CodeUpdates.Cli.Serve;

/// <summary>
/// Pins the WebJobs host id, so blob receipts and queue leases survive a restart of <c>serve</c>
/// and the id never depends on the machine name.
/// </summary>
public sealed class FixedHostIdProvider(string hostId) : IHostIdProvider
{
    public Task<string> GetHostIdAsync(CancellationToken cancellationToken) => Task.FromResult(hostId);
}
