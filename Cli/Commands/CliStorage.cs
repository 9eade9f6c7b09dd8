using CodeUpdates.Ingestion;
using System.Net.Http;
using System.Net.Sockets;
using Azure;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Azure;

namespace CodeUpdates.Cli.Commands;

/// <summary>
/// The storage in <c>AzureWebJobsStorage</c> as the command line uses it: built by the hosts' own
/// registration (so <c>drop</c> reads the setting exactly as <c>serve</c> does), with a short retry
/// policy, and its failures told as one line a person can act on.
/// </summary>
public static class CliStorage
{
    /// <summary>How long a command waits for storage's first answer before it says storage is unreachable.</summary>
    public static readonly TimeSpan FirstAnswerWithin = TimeSpan.FromSeconds(10);

    /// <summary>The environment's settings, with Azurite's development account when no storage is set at all (as serve does).</summary>
    public static IConfiguration FromEnvironment()
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        DefaultToAzurite(configuration);
        return configuration;
    }

    /// <summary>
    /// Points <see cref="ServiceRegistration.StorageSetting"/> at Azurite's development account when it is not set in
    /// either form: neither a connection string nor the identity-based <c>AzureWebJobsStorage__*</c> settings.
    /// </summary>
    public static void DefaultToAzurite(IConfiguration configuration)
    {
        var setting = configuration.GetSection(ServiceRegistration.StorageSetting);
        if (string.IsNullOrWhiteSpace(setting.Value) && !setting.GetChildren().Any())
        {
            configuration[ServiceRegistration.StorageSetting] = "UseDevelopmentStorage=true";
        }
    }

    /// <summary>The blob service <paramref name="configuration"/> names, retrying twice within a few seconds instead of the SDK's default policy.</summary>
    public static BlobServiceClient BlobService(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        try
        {
            services.AddCodeUpdates(configuration);
        }
        catch (InvalidOperationException ex)
        {
            // The identity-based form with a service URI missing.
            throw new UsageException(ex.Message);
        }

        services.AddAzureClients(clients => clients.ConfigureDefaults(options =>
        {
            options.Retry.MaxRetries = 2;
            options.Retry.Delay = TimeSpan.FromMilliseconds(500);
            options.Retry.MaxDelay = TimeSpan.FromSeconds(2);
        }));
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<BlobServiceClient>();
    }

    /// <summary>Runs the first call to storage, giving up after <see cref="FirstAnswerWithin"/> with a message saying where storage was looked for.</summary>
    public static async Task<T> FirstCallAsync<T>(BlobServiceClient blobs, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(FirstAnswerWithin);
        try
        {
            return await call(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new UsageException($"storage at {blobs.Uri} did not answer within {FirstAnswerWithin.TotalSeconds:0} s; {WhatToDo}");
        }
        catch (Exception ex) when (Describe(ex, blobs) is { } message)
        {
            throw new UsageException(message);
        }
    }

    /// <summary>One line for a storage failure (unreachable, refused, signed out); null when <paramref name="ex"/> is none.</summary>
    public static string? Describe(Exception ex, BlobServiceClient? blobs = null)
    {
        var where = blobs is null ? "storage" : $"storage account {blobs.AccountName} at {blobs.Uri}";
        return ex switch
        {
            AggregateException aggregate when aggregate.InnerExceptions.All(e => e is RequestFailedException { Status: 0 }) =>
                $"{where} is unreachable ({Innermost(aggregate)}); {WhatToDo}",
            RequestFailedException { Status: 0 } =>
                $"{where} is unreachable ({Innermost(ex)}); {WhatToDo}",
            RequestFailedException { Status: 403 } refused =>
                $"{where} refused the credentials in {ServiceRegistration.StorageSetting} (403 {refused.ErrorCode}); check the account name and key",
            RequestFailedException failed =>
                $"{where} answered {failed.Status} {failed.ErrorCode}: {FirstLine(failed.Message)}",
            AuthenticationFailedException or CredentialUnavailableException =>
                $"could not sign in to {where}: {FirstLine(ex.Message)}",
            _ => null,
        };
    }

    private static string WhatToDo =>
        $"start Azurite (./scripts/run starts one and prints its connection string) or set {ServiceRegistration.StorageSetting}";

    private static string Innermost(Exception ex)
    {
        for (var inner = ex; inner is not null; inner = inner.InnerException ?? (inner as AggregateException)?.InnerExceptions.FirstOrDefault())
        {
            if (inner is SocketException or HttpRequestException { InnerException: null })
            {
                return inner.Message;
            }
        }

        return FirstLine(ex.Message);
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
