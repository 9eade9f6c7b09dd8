using CodeUpdates.Ingestion.ReleaseFiles;

namespace CodeUpdates.Ingestion.Diff;

/// <summary>A release as reports and the API show it: identity plus its code count.</summary>
public sealed record ReleaseSummary(DateOnly Effective, string Source, string Sha256, int Codes)
{
    public static ReleaseSummary Of(ReleaseSnapshot snapshot) =>
        new(snapshot.Identity.Effective, snapshot.Identity.Source, snapshot.Identity.Sha256, snapshot.Codes.Count);
}
