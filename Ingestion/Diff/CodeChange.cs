using System.Text.Json.Serialization;
using CodeUpdates.Ingestion.Releases;

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

/// <summary>Why a code counts as deleted.</summary>
public static class DeletionReason
{
    /// <summary>The release gives a termination date the prior release did not.</summary>
    public const string Terminated = "terminated";

    /// <summary>The code is missing from the release although the prior release had it open (how CPT shows a deletion).</summary>
    public const string Absent = "absent";
}

[JsonConverter(typeof(JsonStringEnumConverter<WordChange>))]
public enum WordChange
{
    Unchanged,
    Removed,
    Inserted,
}

/// <summary>A run of words in a word-level text diff, in reading order.</summary>
public sealed record WordRun(WordChange Change, string Text);

/// <summary>A descriptor whose words changed, with the word runs a report marks.</summary>
public sealed record TextRevision(string Descriptor, string Before, string After, IReadOnlyList<WordRun> Words);

/// <summary>A non-descriptor field whose value changed (CMS column name, values as text).</summary>
public sealed record FieldRevision(string Field, string? Before, string? After);

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
    CodeRecord? After);

public sealed record ChangeSummary(int Added, int Deleted, int Revised, int Reactivated, int Administrative, int Purged)
{
    public int Total => Added + Deleted + Revised + Reactivated + Administrative + Purged;

    public int Count(ChangeType type) => type switch
    {
        ChangeType.Added => Added,
        ChangeType.Deleted => Deleted,
        ChangeType.Revised => Revised,
        ChangeType.Reactivated => Reactivated,
        ChangeType.Administrative => Administrative,
        _ => Purged,
    };

    public static ChangeSummary Of(IEnumerable<CodeChange> changes)
    {
        int added = 0, deleted = 0, revised = 0, reactivated = 0, administrative = 0, purged = 0;
        foreach (var change in changes)
        {
            switch (change.Change)
            {
                case ChangeType.Added: added++; break;
                case ChangeType.Deleted: deleted++; break;
                case ChangeType.Revised: revised++; break;
                case ChangeType.Reactivated: reactivated++; break;
                case ChangeType.Administrative: administrative++; break;
                case ChangeType.Purged: purged++; break;
            }
        }

        return new ChangeSummary(added, deleted, revised, reactivated, administrative, purged);
    }
}

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

/// <summary>A release as reports and the API show it: identity plus its code count.</summary>
public sealed record ReleaseSummary(DateOnly Effective, string Source, string Sha256, int Codes)
{
    public static ReleaseSummary Of(ReleaseSnapshot snapshot) =>
        new(snapshot.Identity.Effective, snapshot.Identity.Source, snapshot.Identity.Sha256, snapshot.Codes.Count);
}
