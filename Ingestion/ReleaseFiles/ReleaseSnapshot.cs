using System.Collections.Frozen;

namespace CodeUpdates.Ingestion.ReleaseFiles;

/// <summary>A parsed release: identity plus every code, sorted by code.</summary>
public sealed class ReleaseSnapshot
{
    private readonly FrozenDictionary<string, CodeRecord> byCode;

    public ReleaseSnapshot(ReleaseIdentity identity, IReadOnlyList<string> descriptorKinds, IEnumerable<CodeRecord> codes)
    {
        Identity = identity;
        DescriptorKinds = descriptorKinds;
        Codes = codes.OrderBy(c => c.Code, StringComparer.Ordinal).ToArray();
        byCode = Codes.ToFrozenDictionary(c => c.Code, StringComparer.Ordinal);
    }

    public ReleaseIdentity Identity { get; }

    public IReadOnlyList<string> DescriptorKinds { get; }

    public IReadOnlyList<CodeRecord> Codes { get; }

    /// <summary>
    /// Fields whose control characters and noncharacters reading dropped (see <see cref="TextNormalizer.DropControlCharacters(ReadOnlySpan{char}, out bool)"/>),
    /// or null when none had any: for the release record and the logs to say.
    /// </summary>
    public ControlCharacters? ControlCharacters { get; init; }

    public CodeRecord? Find(string code) => byCode.GetValueOrDefault(code);

    public bool Contains(string code) => byCode.ContainsKey(code);
}
