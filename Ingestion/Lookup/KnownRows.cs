using System.Collections.Frozen;
using CodeUpdates.Ingestion.Versions;

namespace CodeUpdates.Ingestion.Lookup;

/// <summary>
/// Every row of one system, present and closed, as read after the publication stamped <paramref name="Covers"/>: it
/// answers every state up to that one exactly (see <see cref="KnownVersions"/>), and no later state.
/// </summary>
internal sealed record KnownRows(DateTimeOffset Covers, IReadOnlyList<KnownVersion> All)
{
    public FrozenDictionary<string, KnownVersion[]> ByCode { get; } =
        All.GroupBy(r => r.Version.Code, StringComparer.Ordinal).ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

    public IReadOnlyList<KnownVersion> Of(string code) => ByCode.GetValueOrDefault(code) ?? [];
}
