namespace CodeUpdates.Functions.OpenApi;

/// <summary>What an operation reads from its body: the JSON type (described by its schema) and the media types it takes.</summary>
public sealed record RequestBodyNote(Type? JsonType, IReadOnlyList<string> MediaTypes, string Example, bool Required = true);
