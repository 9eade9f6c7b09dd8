namespace CodeUpdates.Ingestion.Releases.Cpt;

/// <summary>Reads AMA CPT data files.</summary>
public static class CptReleaseReader
{
    public static bool Recognizes(ReleaseMember member) => throw new NotImplementedException();

    public static ReleaseContent Read(IReadOnlyList<ReleaseMember> members) => throw new NotImplementedException();
}
