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

/// <summary>The as-of answer for one code on one date.</summary>
/// <param name="Version">The version whose text answers: the one in force on the date, else the nearest.</param>
public sealed record AsOfAnswer(CodeStatus Status, CodeVersion Version)
{
    public bool Valid => Status == CodeStatus.Active;

    /// <summary>
    /// Picks the status and the text for <paramref name="date"/> from a code's versions (oldest first).
    /// Before the first text's start the first text applies; after the last, the last.
    /// </summary>
    public static AsOfAnswer For(IReadOnlyList<CodeVersion> versions, DateOnly date)
    {
        if (versions.Count == 0)
        {
            throw new ArgumentException("a code with no versions has no answer", nameof(versions));
        }

        var version = versions[0];
        foreach (var candidate in versions)
        {
            if (candidate.Start > date)
            {
                break;
            }

            version = candidate;
        }

        var status = date < version.ValidFrom ? CodeStatus.NotYetEffective
            : version.ValidTo is { } to && date > to ? CodeStatus.Terminated
            : CodeStatus.Active;
        return new AsOfAnswer(status, version);
    }
}
