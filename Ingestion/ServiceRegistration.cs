using Azure.Core;
using Azure.Identity;
using Azure.Storage.Queues;
using CodeUpdates.Ingestion.Access;
using CodeUpdates.Ingestion.Fhir;
using CodeUpdates.Ingestion.Lookup;
using CodeUpdates.Ingestion.Mail;
using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Ingestion.Search;
using CodeUpdates.Ingestion.Spans;
using CodeUpdates.Ingestion.Storage;
using CodeUpdates.Ingestion.Subscribers;
using CodeUpdates.Ingestion.Versions;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CodeUpdates.Ingestion;

/// <summary>Registers the storage clients and every Ingestion service; Functions and the CLI host call the same method.</summary>
public static class ServiceRegistration
{
    /// <summary>The setting the Functions host itself uses for storage, so the app needs one storage setting, not two.</summary>
    public const string StorageSetting = "AzureWebJobsStorage";

    public static IServiceCollection AddCodeUpdates(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAzureClients(clients =>
        {
            var connectionString = configuration[StorageSetting];
            if (!string.IsNullOrWhiteSpace(connectionString))
            {
                clients.AddBlobServiceClient(connectionString);
                clients.AddQueueServiceClient(connectionString).ConfigureOptions(UseBase64);
                clients.AddTableServiceClient(connectionString);
                return;
            }

            // Identity-based, as in Azure: AzureWebJobsStorage__blobServiceUri, __queueServiceUri, __tableServiceUri,
            // __credential=managedidentity and __clientId for a user-assigned identity.
            var section = configuration.GetSection(StorageSetting);
            clients.AddBlobServiceClient(RequiredUri(section, "blobServiceUri"));
            clients.AddQueueServiceClient(RequiredUri(section, "queueServiceUri")).ConfigureOptions(UseBase64);
            clients.AddTableServiceClient(RequiredUri(section, "tableServiceUri"));
            clients.UseCredential(Credential(section));
        });

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => AccessPolicy.FromSettings(configuration));
        services.TryAddSingleton<SnapshotStore>();
        services.TryAddSingleton<ReleaseStore>();
        services.TryAddSingleton<VersionStore>();
        services.TryAddSingleton<ReleaseStatementsStore>();
        services.TryAddSingleton<VersionRecompute>();
        services.TryAddSingleton<SystemLock>();
        services.TryAddSingleton<Quarantine>();
        services.TryAddSingleton<StorageInitializer>();
        services.TryAddSingleton<VersionCache>();
        services.TryAddSingleton<IVersionSource>(sp => sp.GetRequiredService<VersionCache>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReleasePublishedListener, VersionCache>(sp => sp.GetRequiredService<VersionCache>()));
        services.AddHostedService<VersionCacheRefresher>();
        services.TryAddSingleton<CodeFinder>();
        services.TryAddSingleton<IIngestRelease>(sp => sp.GetRequiredService<IngestReleaseHandler>());
        services.TryAddSingleton<IReleaseChangesSource, ReleaseChangesSource>();
        services.TryAddSingleton<ICodeSystemReleases, StoredCodeSystemReleases>();
        services.TryAddSingleton(sp => new FhirServerSecurity(sp.GetRequiredService<AccessPolicy>().Mode == AccessMode.Platform));
        services.TryAddSingleton<FhirTerminology>();
        services.TryAddSingleton<DroppedFiles>();
        services.TryAddSingleton<ReleaseRejections>();
        services.TryAddSingleton<VersionPublication>();
        services.TryAddSingleton<ReleasePublisher>();
        services.TryAddSingleton<CorrectionsPublisher>();
        services.TryAddSingleton<ChangeReportQueue>();
        services.TryAddSingleton<IngestReleaseHandler>();
        services.TryAddSingleton<ReleaseSweep>();
        services.TryAddSingleton<CodeLookup>();
        services.TryAddSingleton<ReleaseCatalog>();
        services.TryAddSingleton<ChangeSpans>();
        services.TryAddSingleton<CodeSets>();
        services.TryAddSingleton<SubscriberDirectory>();
        services.AddChangeReportMail(configuration);
        return services;
    }

    // The Functions queue extension reads and writes base64 message bodies by default.
    private static void UseBase64(QueueClientOptions options) => options.MessageEncoding = QueueMessageEncoding.Base64;

    private static Uri RequiredUri(IConfigurationSection section, string key) =>
        Uri.TryCreate(section[key], UriKind.Absolute, out var uri)
            ? uri
            : throw new InvalidOperationException(
                $"storage is not configured ({StorageSetting}__{key} is missing): set {StorageSetting} to a connection string, or {StorageSetting}__blobServiceUri, __queueServiceUri and __tableServiceUri (with __credential=managedidentity and __clientId) for an identity-based connection");

    private static TokenCredential Credential(IConfigurationSection section) =>
        string.Equals(section["credential"], "managedidentity", StringComparison.OrdinalIgnoreCase)
            ? new ManagedIdentityCredential(string.IsNullOrEmpty(section["clientId"]) ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(section["clientId"]))
            : new DefaultAzureCredential();
}
