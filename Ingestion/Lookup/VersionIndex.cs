using System.Collections.Frozen;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Versions;

namespace CodeUpdates.Ingestion.Lookup;

/// <summary>An immutable <see cref="IVersionIndex"/> over each system's loaded versions.</summary>
public sealed class VersionIndex(IReadOnlyDictionary<CodeSystem, SystemVersions> systems) : IVersionIndex
{
    public static readonly VersionIndex Empty = new(new Dictionary<CodeSystem, SystemVersions>());

    private readonly FrozenDictionary<CodeSystem, SystemVersions> systems = systems.ToFrozenDictionary();

    public SystemVersions System(CodeSystem system) => systems.GetValueOrDefault(system) ?? SystemVersions.Empty;

    public IReadOnlyList<CodeVersion>? Find(CodeSystem system, string code) =>
        System(system).ByCode.GetValueOrDefault(code);

    public IReadOnlyList<IReadOnlyList<CodeVersion>> Codes(CodeSystem system) => System(system).Ordered;

    public string Tag(CodeSystem system) => System(system).Tag;
}
