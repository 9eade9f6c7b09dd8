using System.Reflection;
using CodeUpdates.Functions.Http;
using Microsoft.Azure.Functions.Worker;

namespace CodeUpdates.Cli.Serve;

/// <summary>
/// Serves the Functions app's HTTP functions on Kestrel straight from their attributes, so a function
/// added to Functions/ is served by <c>codeupdates serve</c> with no change here.
/// <para>
/// The binding convention every HTTP function follows (the Functions worker binds the same way):
/// a public instance method with <c>[Function(name)]</c> whose parameters are
/// <list type="bullet">
/// <item>the <c>HttpRequest</c> that carries <c>[HttpTrigger(level, methods, Route = ApiRoutes.X)]</c>;</item>
/// <item>a <c>string</c> (or <c>string?</c>) for each route parameter, by the same name (null when an optional
/// or catch-all segment is absent); read query and headers from the request;</item>
/// <item>optionally a <c>CancellationToken</c>, the request's abort token.</item>
/// </list>
/// It returns an <c>IResult</c> (typed <c>Results&lt;…&gt;</c> included), directly or as <c>Task&lt;T&gt;</c>.
/// The class is created for each request with its constructor's services from DI, as the worker does.
/// Anything else fails <c>serve</c> at start with the function and parameter named.
/// </para>
/// </summary>
public static class HttpFunctionMap
{
    /// <summary>Every HTTP function of the assembly (the Functions app), ordered by name.</summary>
    public static IReadOnlyList<HttpFunction> Discover(Assembly assembly) =>
        [.. from type in assembly.GetExportedTypes()
            from method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance)
            let function = method.GetCustomAttribute<FunctionAttribute>()
            let trigger = method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(a => a is not null)
            where function is not null && trigger is not null
            orderby function.Name
            select new HttpFunction(
                function.Name,
                [.. (trigger.Methods ?? ["get", "post", "put", "delete", "patch", "head", "options"]).Select(m => m.ToUpperInvariant())],
                trigger.Route ?? function.Name,
                trigger.AuthLevel,
                method)];

    /// <summary>Maps each function at <paramref name="routePrefix"/> + its route, for its methods.</summary>
    public static IReadOnlyList<IEndpointConventionBuilder> MapHttpFunctions(this IEndpointRouteBuilder endpoints, IEnumerable<HttpFunction> functions, string routePrefix)
    {
        var mapped = new List<IEndpointConventionBuilder>();
        foreach (var function in functions)
        {
            var route = "/" + string.Join('/', new[] { routePrefix.Trim('/'), function.Route.Trim('/') }.Where(p => p.Length > 0));
            mapped.Add(endpoints.MapMethods(route, function.Methods, Handler(function)).WithName(function.Name).WithMetadata(function));
        }

        return mapped;
    }

    private static RequestDelegate Handler(HttpFunction function)
    {
        var method = function.Method;
        var create = ActivatorUtilities.CreateFactory(method.DeclaringType!, Type.EmptyTypes);
        var binders = method.GetParameters().Select(p => Binder(function, p)).ToArray();
        var unwrap = ResultOf(function);
        return async http =>
        {
            var instance = create(http.RequestServices, null);
            var arguments = binders.Select(bind => bind(http)).ToArray();
            IResult result;
            try
            {
                var returned = method.Invoke(instance, BindingFlags.DoNotWrapExceptions, null, arguments, null);
                result = await unwrap(returned);
            }
            catch (BadHttpRequestException ex)
            {
                // Kestrel refused to read the request (a body over the bound): the caller's mistake, not storage's.
                result = RequestBody.Refused(http.Request, ex.StatusCode);
            }
            catch (Exception ex) when (StorageOutage.IsStorageUnreachable(ex))
            {
                result = StorageOutage.Answer();
            }

            await result.ExecuteAsync(http);
        };
    }

    private static Func<HttpContext, object?> Binder(HttpFunction function, ParameterInfo parameter)
    {
        if (parameter.GetCustomAttribute<HttpTriggerAttribute>() is not null && parameter.ParameterType == typeof(HttpRequest))
        {
            return http => http.Request;
        }

        if (parameter.ParameterType == typeof(CancellationToken))
        {
            return http => http.RequestAborted;
        }

        if (parameter.ParameterType == typeof(string))
        {
            var name = parameter.Name!;
            return http => http.GetRouteValue(name)?.ToString();
        }

        throw new InvalidOperationException(
            $"HTTP function {function.Name}: parameter '{parameter.Name}' ({parameter.ParameterType.Name}) does not follow the convention: " +
            "HttpRequest with [HttpTrigger], string route values by name, CancellationToken");
    }

    private static Func<object?, Task<IResult>> ResultOf(HttpFunction function)
    {
        var type = function.Method.ReturnType;
        if (typeof(IResult).IsAssignableFrom(type))
        {
            return returned => Task.FromResult((IResult)returned!);
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Task<>) && typeof(IResult).IsAssignableFrom(type.GenericTypeArguments[0]))
        {
            var result = type.GetProperty(nameof(Task<IResult>.Result))!;
            return async returned =>
            {
                var task = (Task)returned!;
                await task;
                return (IResult)result.GetValue(task)!;
            };
        }

        throw new InvalidOperationException($"HTTP function {function.Name} returns {type.Name}: return IResult or Task<T> of an IResult");
    }
}
