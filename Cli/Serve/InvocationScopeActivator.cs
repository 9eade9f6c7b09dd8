using Microsoft.Azure.WebJobs.Host;
using Microsoft.Azure.WebJobs.Host.Executors;

namespace CodeUpdates.Cli.Serve;

/// <summary>
/// Creates each WebJobs function instance in a scope of serve's own services that lives as long
/// as the invocation, as the Functions worker does: a function class that needs a scoped service
/// (the mailer's handler) resolves, also where the host validates scopes (Development).
/// </summary>
public sealed class InvocationScopeActivator : IJobActivatorEx
{
    public T CreateInstance<T>() =>
        throw new InvalidOperationException($"{typeof(T).Name} is created per invocation, in the invocation's scope");

    public T CreateInstance<T>(IFunctionInstanceEx functionInstance)
    {
        // WebJobs disposes the invocation's services when the invocation ends, and with them this scope.
        var scope = functionInstance.InstanceServices.GetRequiredService<AppScope>();
        return ActivatorUtilities.CreateInstance<T>(scope.Services);
    }

    /// <summary>A scope of serve's services, registered scoped in the WebJobs host so that it ends with the invocation.</summary>
    public sealed class AppScope(IServiceProvider app) : IAsyncDisposable, IDisposable
    {
        private readonly AsyncServiceScope scope = app.CreateAsyncScope();

        public IServiceProvider Services => scope.ServiceProvider;

        public ValueTask DisposeAsync() => scope.DisposeAsync();

        public void Dispose() => scope.Dispose();
    }

    public static void Register(IServiceCollection services, IServiceProvider app)
    {
        services.AddScoped(_ => new AppScope(app));
        services.AddSingleton<IJobActivator>(new InvocationScopeActivator());
    }
}
