using System.Text.Json.Serialization;

namespace CodeUpdates.Ingestion.Versions;

[JsonConverter(typeof(JsonStringEnumConverter<CodeStatus>))]
public enum CodeStatus
{
    [JsonStringEnumMemberName("active")]
    Active,

    [JsonStringEnumMemberName("terminated")]
    Terminated,

    [JsonStringEnumMemberName("not-yet-effective")]
    NotYetEffective,
}
