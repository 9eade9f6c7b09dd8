using CodeUpdates.Ingestion.ReleaseFiles;

namespace CodeUpdates.Ingestion.Fhir;

/// <summary>One published release as FHIR sees it: a version of its code system, named by its effective date.</summary>
public sealed record CodeSystemRelease(CodeSystem System, DateOnly Effective, int Codes)
{
    public string Version => IsoDate.Format(Effective);

    /// <summary>The release in force on <paramref name="date"/>: the latest effective by then, else the first (whose text answers earlier dates).</summary>
    public static CodeSystemRelease? InForce(IReadOnlyList<CodeSystemRelease> releases, DateOnly date)
    {
        CodeSystemRelease? inForce = null;
        foreach (var release in releases)
        {
            if (release.Effective > date)
            {
                break;
            }

            inForce = release;
        }

        return inForce ?? (releases.Count > 0 ? releases[0] : null);
    }
}
