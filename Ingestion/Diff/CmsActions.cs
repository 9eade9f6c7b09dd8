namespace CodeUpdates.Ingestion.Diff;

/// <summary>
/// CMS's own ACTION CD of each code of an HCPCS release set against the change computed from the prior loaded release
/// (DESIGN.md "CMS action codes, reconciled"): evidence of what the loaded releases miss, never the rule.
/// </summary>
/// <param name="Compared">Codes of the release that carry an ACTION CD.</param>
/// <param name="Causes">The disagreements grouped by cause, in <see cref="CmsActionCauses.Order"/>, only causes that occur.</param>
public sealed record CmsActions(
    int Compared,
    int Agree,
    int Disagree,
    IReadOnlyList<CmsActionDisagreement> Disagreements,
    IReadOnlyList<CmsActionCause> Causes);
