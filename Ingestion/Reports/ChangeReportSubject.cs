using CodeUpdates.Ingestion.Diff;
using CodeUpdates.Ingestion.ReleaseFiles;

namespace CodeUpdates.Ingestion.Reports;

/// <summary>The one-line summary used as mail subject and report heading.</summary>
public static class ChangeReportSubject
{
    /// <summary>"228 added, 52 deleted, 122 revised" plus the other kinds when they occur.</summary>
    public static string Counts(ChangeSummary summary)
    {
        var parts = new List<string> { $"{summary.Added} added", $"{summary.Deleted} deleted", $"{summary.Revised} revised" };
        if (summary.Reactivated > 0)
        {
            parts.Add($"{summary.Reactivated} reactivated");
        }

        if (summary.Administrative > 0)
        {
            parts.Add($"{summary.Administrative} administrative");
        }

        if (summary.Purged > 0)
        {
            parts.Add($"{summary.Purged} purged");
        }

        return string.Join(", ", parts);
    }

    /// <summary>"HCPCS 2019-01-01: 228 added, 52 deleted, 122 revised, ..."; a system's first release: "HCPCS 2018-01-01: initial load, 6,559 codes".</summary>
    public static string For(ReleaseDiffResult diff) =>
        diff.InitialLoad
            ? $"{diff.System.Name().ToUpperInvariant()} {diff.Current.Effective:yyyy-MM-dd}: {InitialLoad(diff.Current.Codes)}"
            : $"{diff.System.Name().ToUpperInvariant()} {diff.Current.Effective:yyyy-MM-dd}: {Counts(diff.Summary)}";

    /// <summary>How a system's first release is said everywhere (mail, web page, logs): "initial load, 6,559 codes".</summary>
    public static string InitialLoad(int codes) => $"initial load, {codes.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} codes";
}
