namespace CodeUpdates.Ingestion.Diff;

/// <summary>One code whose CMS ACTION CD does not match the change computed against the prior loaded release.</summary>
/// <param name="CmsAction">The ACTION CD letter the release states.</param>
/// <param name="Computed">The computed change (added, deleted, reactivated, revised, administrative) or <c>unchanged</c>.</param>
/// <param name="Cause">Why they differ: one of <see cref="CmsActionCauses"/>.</param>
/// <param name="Explanation">The cause for this code, in words a coder can act on.</param>
public sealed record CmsActionDisagreement(string Code, string CmsAction, string Computed, string Cause, string Explanation);
