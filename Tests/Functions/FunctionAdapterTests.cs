using CodeUpdates.Ingestion.Releases;
using Azure.Storage.Blobs;
using CodeUpdates.Functions;
using Moq;

namespace CodeUpdates.Tests.Functions;

/// <summary>The failure path of the blob trigger's adapter; the HTTP functions are tested through serve's route table.</summary>
public sealed class FunctionAdapterTests
{
    [Fact]
    public async Task IngestRelease_passes_the_blob_name_and_lets_storage_faults_through_for_the_trigger_to_retry()
    {
        var ingest = new Mock<IIngestRelease>();
        ingest.Setup(i => i.HandleAsync(It.IsAny<IngestReleaseCommand>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new IngestReleaseResult(IngestOutcome.Rejected, null, 0));
        var function = new IngestRelease(ingest.Object);

        await function.Run(Mock.Of<BlobClient>(), "hcpcs/HCPC2025_JAN_ANWEB.txt", CancellationToken.None);
        ingest.Verify(i => i.HandleAsync(new IngestReleaseCommand("hcpcs/HCPC2025_JAN_ANWEB.txt"), It.IsAny<CancellationToken>()), Times.Once);

        ingest.Setup(i => i.HandleAsync(It.IsAny<IngestReleaseCommand>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new IOException("storage unreachable"));
        await Assert.ThrowsAsync<IOException>(() => function.Run(Mock.Of<BlobClient>(), "hcpcs/x.txt", CancellationToken.None));
    }
}
