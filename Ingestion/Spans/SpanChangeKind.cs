using System.Text.Json.Serialization;

namespace CodeUpdates.Ingestion.Spans;

/// <summary>
/// A code's net change between two service dates (DESIGN.md "Changes across any span"). The last three are
/// only answered for a code list, where every listed code gets a row.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<SpanChangeKind>))]
public enum SpanChangeKind
{
    [JsonStringEnumMemberName("added")]
    Added,

    [JsonStringEnumMemberName("deleted")]
    Deleted,

    [JsonStringEnumMemberName("revised")]
    Revised,

    [JsonStringEnumMemberName("unchanged")]
    Unchanged,

    [JsonStringEnumMemberName("invalid")]
    Invalid,

    [JsonStringEnumMemberName("unknown")]
    Unknown,
}
