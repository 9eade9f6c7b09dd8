using CodeUpdates.Ingestion.Access;
using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace CodeUpdates.Functions.Access;

/// <summary>What an HTTP function asks of its caller, read from its attributes the same way by both hosts.</summary>
public static class FunctionClearance
{
    private static readonly ConcurrentDictionary<MethodInfo, Clearance?> Known = new();

    /// <summary>
    /// The function's <see cref="RequiresAttribute"/> (on the method, else its class), else what its
    /// <see cref="HttpTriggerAttribute"/> methods ask (<see cref="AccessPolicy.Required"/>); null for a
    /// function without an HTTP trigger.
    /// </summary>
    public static Clearance? Of(MethodInfo function) => Known.GetOrAdd(function, Read);

    private static Clearance? Read(MethodInfo function)
    {
        var trigger = function.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(t => t is not null);
        if (trigger is null)
        {
            return null;
        }

        var declared = function.GetCustomAttribute<RequiresAttribute>() ?? function.DeclaringType?.GetCustomAttribute<RequiresAttribute>();

        // No methods listed means every method, writes included.
        return AccessPolicy.Required(declared?.Clearance, trigger.Methods is { Length: > 0 } methods ? methods : ["*"]);
    }
}
