using System.Collections.Frozen;
using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Ingestion.Versions;

namespace CodeUpdates.Ingestion.Lookup;

/// <summary>Where lookups get the versions from: the in-process cache.</summary>
public interface IVersionSource
{
    ValueTask<IVersionIndex> GetAsync(CancellationToken cancellationToken);
}

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

/// <summary>One system's versions as loaded: by code for lookups, in code order for search.</summary>
public sealed class SystemVersions
{
    public static readonly SystemVersions Empty = new("empty", []);

    public SystemVersions(string tag, IEnumerable<IReadOnlyList<CodeVersion>> codes)
    {
        Tag = tag;
        Ordered = codes.OrderBy(c => c[0].Code, StringComparer.Ordinal).ToArray();
        ByCode = Ordered.ToFrozenDictionary(c => c[0].Code, StringComparer.Ordinal);
    }

    public string Tag { get; }

    public IReadOnlyList<IReadOnlyList<CodeVersion>> Ordered { get; }

    public FrozenDictionary<string, IReadOnlyList<CodeVersion>> ByCode { get; }

    /// <summary>These versions with those of <paramref name="changed"/> replaced (an empty list removes the code), under a new tag.</summary>
    public SystemVersions With(string tag, IReadOnlyDictionary<string, IReadOnlyList<CodeVersion>> changed)
    {
        var codes = new Dictionary<string, IReadOnlyList<CodeVersion>>(ByCode, StringComparer.Ordinal);
        foreach (var (code, versions) in changed)
        {
            if (versions.Count == 0)
            {
                codes.Remove(code);
            }
            else
            {
                codes[code] = versions;
            }
        }

        return new SystemVersions(tag, codes.Values);
    }
}

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
