namespace CodeUpdates.Functions.OpenApi;

/// <summary>
/// A request the document shows and the answer it gets: <c>Tests/Functions/OpenApiDocumentTests</c> sends each one
/// to a running app with the bundled 2019 HCPCS excerpt loaded and holds the answer to <paramref name="Status"/> and
/// to the operation's documented schema.
/// </summary>
/// <param name="PathAndQuery">The path from the site root, with its query.</param>
public sealed record ApiExample(string Summary, string PathAndQuery, int Status, string? Body = null, string? ContentType = null);
