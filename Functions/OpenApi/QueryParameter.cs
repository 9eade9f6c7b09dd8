namespace CodeUpdates.Functions.OpenApi;

/// <summary>One query parameter of an operation, as the OpenAPI document lists it.</summary>
/// <param name="Values">The values it takes when they are a closed set.</param>
public sealed record QueryParameter(string Name, string Description, string? Format = null, IReadOnlyList<string>? Values = null, bool Required = false);
