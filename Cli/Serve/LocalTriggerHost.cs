using System.Runtime.ExceptionServices;
using CodeUpdates.Functions;
using Microsoft.Azure.WebJobs;
using Microsoft.Azure.WebJobs.Host.Executors;
using Microsoft.Azure.WebJobs.Host.Timers;

namespace CodeUpdates.Cli.Serve;

/// <summary>
/// Runs <see cref="LocalTriggers"/> in a WebJobs host of its own beside Kestrel, and builds it
/// anew when it fails. The SDK's listeners (the container scan, the queue poll) end on an error
/// such as storage going away, and its default handler then rethrows on a thread of its own,
/// which ends the process. Here that error is logged, the failed host is stopped, and after
/// <see cref="RestartDelay"/> a new one starts (again and again while storage is away), so the
/// triggers resume when storage returns while lookups, served from memory, never stop.
/// </summary>
public sealed class LocalTriggerHost(IServiceProvider app, IConfiguration configuration, ILogger<LocalTriggerHost> logger) : BackgroundService
{
    public static readonly TimeSpan RestartDelay = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var failed = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
            using var host = Build(failed);
            try
            {
                await host.StartAsync(stoppingToken);
                var ended = await Task.WhenAny(failed.Task, Task.Delay(Timeout.Infinite, stoppingToken));
                if (ended == failed.Task)
                {
                    logger.LogWarning(failed.Task.Result, "The blob and queue triggers stopped on an error (is storage reachable?); starting them again in {Delay}", RestartDelay);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "The blob and queue triggers could not start (is storage reachable?); trying again in {Delay}", RestartDelay);
            }
            catch (OperationCanceledException)
            {
                // serve is stopping.
            }

            await StopQuietlyAsync(host);
            try
            {
                await Task.Delay(RestartDelay, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>The blob and queue triggers with the settings host.json gives them in Azure.</summary>
    public static void ConfigureTriggers(IWebJobsBuilder webJobs)
    {
        var hostJson = HostJson.Load();
        webJobs.AddAzureStorageBlobs(hostJson.Apply);
        webJobs.AddAzureStorageQueues(hostJson.Apply);
    }

    private IHost Build(TaskCompletionSource<Exception> failed) =>
        new HostBuilder()
            .ConfigureHostConfiguration(c => c.AddConfiguration(configuration))
            .ConfigureServices(services =>
            {
                // The function classes are built from serve's own services (one set of singletons for both hosts), in a scope per invocation.
                InvocationScopeActivator.Register(services, app);
                services.AddSingleton(_ => app.GetRequiredService<IHostIdProvider>());
                services.AddSingleton<IWebJobsExceptionHandlerFactory>(new ReportingHandlerFactory(failed));
            })
            .ConfigureWebJobs(ConfigureTriggers)
            .ConfigureServices(services => services.AddSingleton(app.GetRequiredService<ILoggerFactory>()))
            .Build();

    private async Task StopQuietlyAsync(IHost host)
    {
        try
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await host.StopAsync(limit.Token);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogDebug(ex, "The failed trigger host did not stop cleanly");
        }
    }

    /// <summary>Hands a listener's unhandled error to the loop instead of rethrowing it on a thread of its own.</summary>
    private sealed class ReportingHandlerFactory(TaskCompletionSource<Exception> failed) : IWebJobsExceptionHandlerFactory, IWebJobsExceptionHandler
    {
        public IWebJobsExceptionHandler Create(IHost jobHost) => this;

        public Task OnTimeoutExceptionAsync(ExceptionDispatchInfo exceptionInfo, TimeSpan timeoutGracePeriod) => OnUnhandledExceptionAsync(exceptionInfo);

        public Task OnUnhandledExceptionAsync(ExceptionDispatchInfo exceptionInfo)
        {
            failed.TrySetResult(exceptionInfo.SourceException);
            return Task.CompletedTask;
        }
    }
}
