using System.Text.Json.Serialization;

namespace CodeUpdates.Ingestion.Releases;

/// <summary>
/// Where a dropped release stands. Written as its lower-case name (see <see cref="ReleaseStatuses.Name"/>)
/// in the API's JSON and in the <c>releases</c> table alike, so the wire is what it was when these were strings.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReleaseStatus>))]
public enum ReleaseStatus
{
    /// <summary>Accepted and being applied; a retry finishes it.</summary>
    [JsonStringEnumMemberName("processing")]
    Processing,

    /// <summary>Its versions are written and answer lookups.</summary>
    [JsonStringEnumMemberName("published")]
    Published,

    /// <summary>
    /// Cannot become a release as it is; the reason says what to fix. The file is in quarantine, unless
    /// its name breaks the blob name rule: then it is left in <c>releases</c> untouched.
    /// </summary>
    [JsonStringEnumMemberName("rejected")]
    Rejected,

    /// <summary>
    /// A valid file for a date that a file uploaded later also gives; <see cref="ReleaseRecord.SupersededBy"/>
    /// names that file, which is the release. The superseded file stays in <c>releases</c>.
    /// </summary>
    [JsonStringEnumMemberName("superseded")]
    Superseded,
}
