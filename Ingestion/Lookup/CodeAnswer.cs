using System.Text.Json.Serialization;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Versions;

namespace CodeUpdates.Ingestion.Lookup;

/// <summary>The HTTP answer for one code on one date (DESIGN.md "HTTP API").</summary>
public sealed record CodeAnswer(
    string System,
    string Code,
    DateOnly Date,
    bool Valid,
    CodeStatus Status,
    string Kind,
    string? LongDescription,
    string? ShortDescription,
    DateOnly ValidFrom,
    DateOnly? ValidTo,
    IReadOnlyList<string> ReplacedBy,
    DateOnly Release,
    string Reason,
    IReadOnlyDictionary<string, string> Descriptors)
{
    [JsonPropertyOrder(-1)]
    public bool Found => true;

    /// <summary>The instant asked about, when the answer is the one the system gave then (see <see cref="KnownVersions"/>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? KnownAt { get; init; }

    /// <summary>With <see cref="KnownAt"/>: when the release the system answered from at that instant was published.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? KnownAsOf { get; init; }

    /// <summary>
    /// The CMS fields in force on the date, keyed by CMS name (<see cref="Versions.CmsFields.Names"/>), values as
    /// the file states them (ASC_DT as yyyy-MM-dd), blanks left out; absent for CPT, which has no such fields.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? CmsFields { get; init; }

    public static CodeAnswer From(IReadOnlyList<CodeVersion> versions, DateOnly date) => From(AsOfAnswer.For(versions, date), date);

    /// <summary>The answer on <paramref name="date"/> from the status and version the as-of rule chose (search has it in hand).</summary>
    public static CodeAnswer From(AsOfAnswer answer, DateOnly date)
    {
        var v = answer.Version;
        return new CodeAnswer(
            v.System.Name(),
            v.Code,
            date,
            answer.Valid,
            answer.Status,
            v.Kind.Name(),
            v.Descriptors.GetValueOrDefault(DescriptorKind.Long),
            v.Descriptors.GetValueOrDefault(DescriptorKind.Short),
            v.ValidFrom,
            v.ValidTo,
            v.ReplacedBy,
            v.Release,
            Explain(answer),
            v.Descriptors)
        {
            CmsFields = v.System == CodeSystem.Hcpcs ? v.CmsFieldsOn(date) : null,
        };
    }

    /// <summary>Why the code is or is not valid on the date, in words for a claims editor.</summary>
    private static string Explain(AsOfAnswer answer)
    {
        var v = answer.Version;
        var replaced = v.ReplacedBy.Count > 0 ? $"; replaced by {string.Join(", ", v.ReplacedBy)}" : string.Empty;
        return answer.Status switch
        {
            CodeStatus.NotYetEffective => $"not effective until {v.ValidFrom:yyyy-MM-dd}",
            CodeStatus.Terminated => $"terminated on {v.ValidTo:yyyy-MM-dd}{replaced}",
            _ => v.ValidTo is { } to ? $"valid {v.ValidFrom:yyyy-MM-dd} through {to:yyyy-MM-dd}{replaced}" : $"valid since {v.ValidFrom:yyyy-MM-dd}",
        };
    }
}
