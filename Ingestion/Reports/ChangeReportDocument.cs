using System.Text.Json;
using System.Text.Json.Serialization;
using CodeUpdates.Ingestion.Diff;
using CodeUpdates.Ingestion.ReleaseFiles;

namespace CodeUpdates.Ingestion.Reports;

/// <summary>
/// The JSON form of a release diff: the contract of <c>codeupdates diff</c> and of
/// <c>GET /api/releases/{system}/{effective}/changes</c>.
/// </summary>
public sealed record ChangeReportDocument(
    string System,
    ReleaseSummary? Prior,
    ReleaseSummary Current,
    ChangeSummary Summary,
    IReadOnlyList<ChangeEntry> Changes)
{
    /// <summary>True for a system's first release: no changes are listed; <see cref="ReleaseSummary.Codes"/> of <see cref="Current"/> is what it brought.</summary>
    public bool? InitialLoad { get; init; }

    /// <summary>HCPCS: the quarters between the prior loaded release and this one that are not loaded (empty when none); omitted for CPT and an initial load.</summary>
    public IReadOnlyList<DateOnly>? MissingQuarters { get; init; }

    /// <summary>HCPCS: CMS's action codes against the computed changes; omitted for CPT (no action codes) and an initial load.</summary>
    public CmsActions? CmsActions { get; init; }

    /// <summary>For a release that replaced a published file for the same date: what it replaced and what it changed against it; omitted otherwise.</summary>
    public ChangeReportCorrection? Correction { get; init; }

    /// <summary>The instant the changes were asked as known at (<c>knownAt</c>); omitted for the present.</summary>
    public DateTimeOffset? KnownAt { get; init; }

    /// <summary>With <see cref="KnownAt"/>: when the release the system answered from at that instant was published.</summary>
    public DateTimeOffset? KnownAsOf { get; init; }

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    public static ChangeReportDocument From(ReleaseDiffResult diff) => new(
        diff.System.Name(),
        diff.Prior,
        diff.Current,
        diff.Summary,
        diff.Changes.Select(ChangeEntry.From).ToArray())
    {
        InitialLoad = diff.InitialLoad ? true : null,
        MissingQuarters = diff.MissingQuarters,
        CmsActions = diff.CmsActions,
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}
