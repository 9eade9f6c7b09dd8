using System.Collections.Frozen;
using CodeUpdates.Ingestion.Versions;

namespace CodeUpdates.Ingestion.Lookup;

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
