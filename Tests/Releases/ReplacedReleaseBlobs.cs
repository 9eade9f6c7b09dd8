using System.Text.RegularExpressions;

namespace CodeUpdates.Tests.Releases;

/// <summary>
/// The blobs kept only because a published release was replaced for its date (its snapshot and changes under its hash,
/// and the replacing release's changes against it): a run that never published the replaced file has none.
/// </summary>
public static partial class ReplacedReleaseBlobs
{
    /// <summary>Whether a <see cref="Support.IngestionHost.DumpStateAsync"/> line is one of them.</summary>
    public static bool IsKept(string stateLine) =>
        stateLine.StartsWith("snapshot ", StringComparison.Ordinal) && (KeptCopy().IsMatch(stateLine) || stateLine.Contains(".correction.json.gz", StringComparison.Ordinal));

    [GeneratedRegex(@"\.[0-9a-f]{64}\.(changes\.)?json\.gz")]
    private static partial Regex KeptCopy();
}
