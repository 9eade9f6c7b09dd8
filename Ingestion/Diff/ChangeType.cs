using System.Text.Json.Serialization;

namespace CodeUpdates.Ingestion.Diff;

/// <summary>The one change a code gets between two releases (DESIGN.md "Diff semantics"; the first rule that matches wins).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChangeType>))]
public enum ChangeType
{
    Added,
    Deleted,
    Reactivated,
    Revised,
    Administrative,

    /// <summary>Terminated in the prior release and dropped from this one: CMS's four-year clean-up, never a deletion.</summary>
    Purged,
}
