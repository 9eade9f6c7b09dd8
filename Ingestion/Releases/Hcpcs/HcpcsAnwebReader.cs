namespace CodeUpdates.Ingestion.Releases.Hcpcs;

/// <summary>Reads CMS HCPCS Level II "ANWEB" files in every form CMS publishes.</summary>
public static class HcpcsAnwebReader
{
    public static bool Recognizes(ReleaseMember member) => throw new NotImplementedException();

    public static ReleaseContent Read(IReadOnlyList<ReleaseMember> members) => throw new NotImplementedException();
}
