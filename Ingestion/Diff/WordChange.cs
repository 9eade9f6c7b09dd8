using System.Text.Json.Serialization;

namespace CodeUpdates.Ingestion.Diff;

[JsonConverter(typeof(JsonStringEnumConverter<WordChange>))]
public enum WordChange
{
    Unchanged,
    Removed,
    Inserted,
}
