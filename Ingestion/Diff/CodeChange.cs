using CodeUpdates.Ingestion.ReleaseFiles;

namespace CodeUpdates.Ingestion.Diff;

/// <summary>One code's change from the prior release to this one.</summary>
/// <param name="Reason">For <see cref="ChangeType.Deleted"/>: <see cref="DeletionReason"/>.</param>
/// <param name="New">For a deletion: the code was not in the prior release at all (added and ended between the two).</param>
/// <param name="Fields">Revised: the descriptors that differ; administrative: the fields that differ.</param>
/// <param name="TerminationDate">The last valid day, when the release gives one.</param>
/// <param name="ReplacedBy">Codes to use instead (HCPCS cross references).</param>
public sealed record CodeChange(
    string Code,
    CodeKind Kind,
    ChangeType Change,
    string? Reason,
    bool New,
    IReadOnlyList<string> Fields,
    DateOnly? TerminationDate,
    IReadOnlyList<string> ReplacedBy,
    IReadOnlyList<TextRevision> TextRevisions,
    IReadOnlyList<FieldRevision> FieldRevisions,
    CodeRecord? Before,
    CodeRecord? After)
{
    /// <summary>True when CMS reused the code with a new meaning (<see cref="ReleaseFiles.CmsActionCodes.IsReused"/>); null otherwise.</summary>
    public bool? Reused { get; init; }
}
