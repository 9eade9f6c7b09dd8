using System.Globalization;
using CodeUpdates.Ingestion.Diff;
using CodeUpdates.Ingestion.ReleaseFiles;

namespace CodeUpdates.Ingestion.Reports;

/// <summary>
/// What an HCPCS report says about the evidence beside its changes: the quarters not loaded between the prior loaded
/// release and this one, and how many codes CMS's action codes disagree on, with what a coder should do per cause.
/// </summary>
public static class CmsEvidenceSentences
{
    public static IReadOnlyList<string> Of(ReleaseDiffResult diff)
    {
        if (diff.InitialLoad)
        {
            return [];
        }

        var sentences = new List<string>();
        if (diff.MissingQuarters is { Count: > 0 } missing)
        {
            sentences.Add(
                $"The release before this one that is loaded is effective {IsoDate.Format(diff.Prior.Effective)}: the quarterly " +
                $"{(missing.Count == 1 ? "release" : "releases")} of {CmsActionReconciliation.Dates(missing)} {(missing.Count == 1 ? "is" : "are")} not loaded, " +
                "so the changes CMS made in them are counted in this release.");
        }

        if (diff.CmsActions is { } actions)
        {
            var compared = actions.Compared.ToString("N0", CultureInfo.InvariantCulture);
            sentences.Add(actions.Disagree == 0
                ? $"CMS's action codes agree with every change computed here ({compared} codes compared)."
                : $"CMS's action codes disagree with the change computed here for {CmsActionReconciliation.Codes(actions.Disagree)} of {compared}:");
            sentences.AddRange(actions.Causes.Select(c => c.Advice));
        }

        return sentences;
    }
}
