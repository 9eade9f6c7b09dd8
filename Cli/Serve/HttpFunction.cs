using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace CodeUpdates.Cli.Serve;

/// <summary>One HTTP function of the Functions app as its attributes declare it.</summary>
public sealed record HttpFunction(string Name, IReadOnlyList<string> Methods, string Route, AuthorizationLevel Level, MethodInfo Method);
