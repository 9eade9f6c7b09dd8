using System.Text.Json.Serialization;

namespace CodeUpdates.Ingestion.Spans;

/// <summary>The JSON answer of <c>/api/code-sets/{system}/{date}</c>; <see cref="Codes"/> is enumerated while it is written.</summary>
/// <param name="Status"><c>valid</c>: the codes valid on the date; <c>any</c>: every code a loaded release has.</param>
public sealed record CodeSetDocument(string System, DateOnly Date, string Status, IEnumerable<CodeSetRow> Codes)
{
    /// <summary>The instant the code set was asked as known at (<c>knownAt</c>); absent for the present.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? KnownAt { get; init; }

    /// <summary>With <see cref="KnownAt"/>: when the release the system answered from at that instant was published.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? KnownAsOf { get; init; }
}
