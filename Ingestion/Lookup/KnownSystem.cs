using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Releases;

namespace CodeUpdates.Ingestion.Lookup;

/// <summary>Every code's versions of one system as the system held them in <paramref name="State"/>, in the form the present is held in.</summary>
public sealed record KnownSystem(CodeSystem System, KnowledgeState State, SystemVersions Versions)
{
    /// <summary>An index holding this system only, for what answers from an <see cref="IVersionIndex"/> (search, code sets).</summary>
    public IVersionIndex Index { get; } = new VersionIndex(new Dictionary<CodeSystem, SystemVersions> { [System] = Versions });
}
