using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Versions;

namespace CodeUpdates.Ingestion.Lookup;

/// <summary>A consistent, read-only view of every code's versions.</summary>
public interface IVersionIndex
{
    /// <summary>The code's versions, oldest first; null for a code no loaded release has.</summary>
    IReadOnlyList<CodeVersion>? Find(CodeSystem system, string code);

    /// <summary>Every code of the system, in ordinal code order; the same list until the system's versions change.</summary>
    IReadOnlyList<IReadOnlyList<CodeVersion>> Codes(CodeSystem system);

    /// <summary>Changes whenever the system's versions change: the basis of lookup ETags.</summary>
    string Tag(CodeSystem system);
}
