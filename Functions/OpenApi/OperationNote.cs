namespace CodeUpdates.Functions.OpenApi;

/// <summary>
/// What the OpenAPI document says of one HTTP function beyond what its attributes and return type already say
/// (method, path, path parameters and answer types come from the function itself).
/// </summary>
/// <param name="Tag">The group it is listed under.</param>
/// <param name="FileTypes">For a function answering a file: the media types it answers in.</param>
/// <param name="FileJsonType">For a file answered as JSON: the type its JSON form has.</param>
public sealed record OperationNote(
    string Tag,
    string Summary,
    IReadOnlyList<QueryParameter> Query,
    IReadOnlyList<ApiExample> Examples,
    RequestBodyNote? Body = null,
    IReadOnlyList<string>? FileTypes = null,
    Type? FileJsonType = null);
