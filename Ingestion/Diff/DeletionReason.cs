namespace CodeUpdates.Ingestion.Diff;

/// <summary>Why a code counts as deleted.</summary>
public static class DeletionReason
{
    /// <summary>The release gives a termination date the prior release did not.</summary>
    public const string Terminated = "terminated";

    /// <summary>The code is missing from the release although the prior release had it open (how CPT shows a deletion).</summary>
    public const string Absent = "absent";
}
