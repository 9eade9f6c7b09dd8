using System.Text.Json.Serialization;
using CodeUpdates.Ingestion.Diff;
using CodeUpdates.Ingestion.Storage;

namespace CodeUpdates.Ingestion.Releases;

/// <summary>
/// A published release's changes against its prior, by kind, and <paramref name="Total"/>: the changes in all or, for an
/// initial load (<paramref name="InitialLoad"/>, a system's first release), every code it brings, with no change counted.
/// </summary>
public sealed record ReleaseCounts(int Added, int Deleted, int Revised, int Reactivated, int Administrative, int Purged, int Total, bool InitialLoad = false)
{
    public static ReleaseCounts Of(ReleaseDiffResult diff) =>
        diff.InitialLoad
            ? new(0, 0, 0, 0, 0, 0, diff.Current.Codes, InitialLoad: true)
            : new(diff.Summary.Added, diff.Summary.Deleted, diff.Summary.Revised, diff.Summary.Reactivated, diff.Summary.Administrative, diff.Summary.Purged, diff.Summary.Total);
}
