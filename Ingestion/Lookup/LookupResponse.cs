using System.Text.Json.Serialization;

namespace CodeUpdates.Ingestion.Lookup;

public sealed record LookupResponse(IReadOnlyList<object> Results)
{
    /// <summary>The instant asked about, when every result is the answer the system gave then (each says the state it came from).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? KnownAt { get; init; }
}
