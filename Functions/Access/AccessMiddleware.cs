using CodeUpdates.Ingestion.Access;
using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace CodeUpdates.Functions.Access;

/// <summary>The isolated worker's side of <see cref="AccessGate"/>: every HTTP function passes it before it runs.</summary>
public sealed class AccessMiddleware(AccessPolicy policy) : IFunctionsWorkerMiddleware
{
    private static readonly ConcurrentDictionary<string, MethodInfo?> Functions = new(StringComparer.Ordinal);

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        // The worker's connection comes from the Functions host, never from the caller's machine. A refusal is
        // written on the HttpContext and the function does not run: the ASP.NET Core integration then sends
        // the response as written (a function that returns nothing is answered the same way).
        if (context.GetHttpContext() is { } http
            && ClearanceOf(context.FunctionDefinition.EntryPoint) is { } required
            && !await AccessGate.AdmitAsync(http, policy, required, callerIsLocal: false))
        {
            return;
        }

        await next(context);
    }

    /// <summary>The clearance of the function at <paramref name="entryPoint"/> (<c>Namespace.Class.Method</c>); an HTTP function that cannot be found is admin-only.</summary>
    public static Clearance? ClearanceOf(string entryPoint) =>
        Functions.GetOrAdd(entryPoint, static entry =>
        {
            var dot = entry.LastIndexOf('.');
            return dot > 0 ? typeof(AccessMiddleware).Assembly.GetType(entry[..dot])?.GetMethod(entry[(dot + 1)..], BindingFlags.Public | BindingFlags.Instance) : null;
        }) is { } method
            ? FunctionClearance.Of(method)
            : Clearance.Admin;
}
