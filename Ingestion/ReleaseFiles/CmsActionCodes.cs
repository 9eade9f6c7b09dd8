namespace CodeUpdates.Ingestion.ReleaseFiles;

/// <summary>
/// CMS's HCPCS ACTION CD letters, and the one rule that reads them outside the action-code check: a code reused with a
/// new meaning. The diff marks the change and the version timeline marks the version, so both call <see cref="IsReused"/>.
/// </summary>
public static class CmsActionCodes
{
    /// <summary>A: CMS added the code (against its previous quarterly file).</summary>
    public const string Add = "A";

    /// <summary>
    /// CMS states A (added) for a code the earlier loaded release already had, under another long description: the code
    /// was given a new meaning. The long description is the meaning; a short description alone is an abbreviation.
    /// </summary>
    public static bool IsReused(CodeRecord? before, CodeRecord after) =>
        before is not null
        && string.Equals(after.ActionCode?.Trim(), Add, StringComparison.OrdinalIgnoreCase)
        && !TextNormalizer.SameText(before.LongDescription, after.LongDescription);
}
