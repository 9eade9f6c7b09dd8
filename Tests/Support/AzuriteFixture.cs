namespace CodeUpdates.Tests.Support;

/// <summary>
/// A real Azurite (the repository's pinned npm package) with Blob, Queue and Table endpoints on
/// free loopback ports, in memory. Each test class that uses storage takes its own
/// (<c>IClassFixture&lt;AzuriteFixture&gt;</c>): classes never see each other's containers, tables and
/// queues, so xUnit runs them in parallel, while the tests of one class run one after another.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private LocalProcess? azurite;

    public AzuriteFixture()
    {
    }

    private AzuriteFixture(string location, int blobPort, int queuePort, int tablePort)
    {
        Location = location;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public int BlobPort { get; } = LocalProcess.FreePort();

    public int QueuePort { get; } = LocalProcess.FreePort();

    public int TablePort { get; } = LocalProcess.FreePort();

    /// <summary>The folder Azurite keeps its data in, so that it can be stopped and started again with its data (null: in memory).</summary>
    public string? Location { get; }

    /// <summary>An Azurite of a test's own, on disk in <paramref name="location"/>: stop it with <see cref="DisposeAsync"/> and start it again with <see cref="RestartAsync"/>.</summary>
    public static async Task<AzuriteFixture> StartOnDiskAsync(string location)
    {
        var fixture = new AzuriteFixture(location, LocalProcess.FreePort(), LocalProcess.FreePort(), LocalProcess.FreePort());
        await fixture.InitializeAsync();
        return fixture;
    }

    /// <summary>The same storage again, on the same ports and data, as when an outage ends.</summary>
    public async Task<AzuriteFixture> RestartAsync()
    {
        var again = new AzuriteFixture(Location ?? throw new InvalidOperationException("an in-memory Azurite loses its data when stopped"), BlobPort, QueuePort, TablePort);
        await again.InitializeAsync();
        return again;
    }

    /// <summary>The well-known development account on this fixture's ports.</summary>
    public string ConnectionString =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;";

    public async Task InitializeAsync()
    {
        var bin = Path.Combine(RepoPaths.Root, "node_modules", ".bin", "azurite");
        if (!File.Exists(bin))
        {
            throw new InvalidOperationException($"Azurite is not installed at {bin}: run 'npm ci' in {RepoPaths.Root} (./scripts/test does)");
        }

        azurite = LocalProcess.Start(
            bin,
            [
                .. (Location is null ? (string[])["--inMemoryPersistence"] : ["--location", Location]),
                "--skipApiVersionCheck", "--loose", "--disableTelemetry", "--silent",
                "--blobHost", "127.0.0.1", "--blobPort", BlobPort.ToString(),
                "--queueHost", "127.0.0.1", "--queuePort", QueuePort.ToString(),
                "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(),
            ],
            RepoPaths.Root);
        await azurite.WaitForPortsAsync([BlobPort, QueuePort, TablePort], TimeSpan.FromSeconds(60));
    }

    /// <summary>Stops Azurite the way an outage of real storage ends: nothing it acknowledged is lost (on disk it saves before it exits).</summary>
    public async Task StopAsync()
    {
        if (azurite is not null)
        {
            await azurite.StopAsync(TimeSpan.FromSeconds(20));
        }
    }

    public Task DisposeAsync()
    {
        azurite?.Dispose();
        return Task.CompletedTask;
    }
}
