using System.Text.Json;

namespace CodeUpdates.Ingestion.Answers;

/// <summary>The one JSON form of the HTTP API's bodies, read and written: camelCase, case-insensitive on read.</summary>
public static class WebJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
