using CodeUpdates.Ingestion.Releases;

namespace CodeUpdates.Ingestion.Diff;

/// <summary>What one release changed against the release before it in the same code system.</summary>
/// <param name="Prior">The prior release; null for a system's first release (every code then counts as added).</param>
public sealed record ReleaseDiffResult(
    CodeSystem System,
    ReleaseSummary? Prior,
    ReleaseSummary Current,
    ChangeSummary Summary,
    IReadOnlyList<CodeChange> Changes)
{
    /// <summary>The changes of one type, in code order.</summary>
    public IReadOnlyList<CodeChange> ChangesOf(ChangeType type) => Changes.Where(c => c.Change == type).ToArray();
}
