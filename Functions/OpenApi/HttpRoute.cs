using System.Reflection;

namespace CodeUpdates.Functions.OpenApi;

/// <summary>One HTTP function as its attributes declare it: the methods in lower case, the route without a leading slash.</summary>
public sealed record HttpRoute(string Function, IReadOnlyList<string> Methods, string Route, MethodInfo Method);
