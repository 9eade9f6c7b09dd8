using CodeUpdates.Ingestion.ReleaseFiles;

namespace CodeUpdates.Ingestion.Diff;

/// <summary>What one release changed against the release before it in the same code system.</summary>
/// <param name="Prior">
/// The prior release; null for a system's first release: an initial load, which lists no changes and counts every
/// code it brings (<see cref="ReleaseSummary.Codes"/> of <paramref name="Current"/>), said "initial load, 6,559 codes" everywhere.
/// </param>
public sealed record ReleaseDiffResult(
    CodeSystem System,
    ReleaseSummary? Prior,
    ReleaseSummary Current,
    ChangeSummary Summary,
    IReadOnlyList<CodeChange> Changes)
{
    /// <summary>The system's first release: no changes, <see cref="ReleaseSummary.Codes"/> of <see cref="Current"/> codes brought.</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(false, nameof(Prior))]
    public bool InitialLoad => Prior is null;

    /// <summary>
    /// HCPCS only, when there is a prior: the quarters CMS published between the prior loaded release and this one that
    /// are not loaded (empty when the prior is the quarter before). Null for CPT and for an initial load.
    /// </summary>
    public IReadOnlyList<DateOnly>? MissingQuarters { get; init; }

    /// <summary>
    /// HCPCS only, when there is a prior: CMS's ACTION CD of each code against the computed change. Null for CPT (it has no
    /// action codes), for an initial load, and in a changes document stored before it was computed (so that one is stale).
    /// </summary>
    public CmsActions? CmsActions { get; init; }

    /// <summary>The changes of one type, in code order.</summary>
    public IReadOnlyList<CodeChange> ChangesOf(ChangeType type) => Changes.Where(c => c.Change == type).ToArray();
}
