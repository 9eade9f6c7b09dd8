namespace CodeUpdates.Ingestion.Diff;

/// <summary>Why a CMS action code and the computed change disagree (DESIGN.md "CMS action codes, reconciled").</summary>
public static class CmsActionCauses
{
    /// <summary>CMS added a code the prior release had with another meaning.</summary>
    public const string Reused = "reused";

    /// <summary>
    /// A release between the two is not loaded: a quarterly update (the prior loaded release is more than a quarter
    /// older) or a corrections document (CMS names a change the two loaded files do not show).
    /// </summary>
    public const string ReleaseNotLoaded = "release-not-loaded";

    /// <summary>The prior quarter is loaded and the code changed, but CMS's action code does not say so.</summary>
    public const string Unannounced = "unannounced";

    /// <summary>The order the page and the mail list them in.</summary>
    public static readonly IReadOnlyList<string> Order = [Reused, ReleaseNotLoaded, Unannounced];
}
