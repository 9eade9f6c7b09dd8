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

    /// <summary>The changes of one type, in code order.</summary>
    public IReadOnlyList<CodeChange> ChangesOf(ChangeType type) => Changes.Where(c => c.Change == type).ToArray();
}
