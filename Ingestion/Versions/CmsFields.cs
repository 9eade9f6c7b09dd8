using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Text;

namespace CodeUpdates.Ingestion.Versions;

/// <summary>
/// The CMS fields a lookup answers with (DESIGN.md "HTTP API"), under the CMS column names
/// <see cref="ReleaseFiles.CodeRecord.Administrative"/> uses: the ones coders and billers look up
/// (coverage, pricing, BETOS, type of service, ASC group, lab certification, statute). The other
/// administrative fields (CIM, MCM, OPPS, PROCNOTE, ANEST_BU) stay in the snapshots only.
/// </summary>
public static class CmsFields
{
    /// <summary>The field names in the order of the CMS record layout, which is the order answers list them in.</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        "PRICE1", "PRICE2", "PRICE3", "PRICE4", "MULT_PI", "STATUTE",
        "LABCERT1", "LABCERT2", "LABCERT3", "LABCERT4", "LABCERT5", "LABCERT6", "LABCERT7", "LABCERT8",
        "COV", "ASC_GRP", "ASC_DT", "BETOS", "TOS1", "TOS2", "TOS3", "TOS4", "TOS5",
    ];

    public static readonly IReadOnlyDictionary<string, string> None = FrozenDictionary<string, string>.Empty;

    /// <summary>
    /// Past this many distinct field sets the pool stops taking new ones (they are then held per code):
    /// the real files have a few hundred, and a file of invented values cannot grow the pool without end.
    /// </summary>
    private const int MaxShared = 10_000;

    private static readonly FrozenSet<string> NameSet = Names.ToFrozenSet(StringComparer.Ordinal);

    private static readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> Shared = new(StringComparer.Ordinal);

    public static bool IsLookupField(string name) => NameSet.Contains(name);

    /// <summary>
    /// The lookup fields of a record's administrative fields, in layout order, blanks left out; one shared
    /// instance for every equal set, since thousands of codes carry the same few hundred sets.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Of(IReadOnlyDictionary<string, string> administrative)
    {
        if (administrative.Count == 0)
        {
            return None;
        }

        var kept = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in Names)
        {
            if (Value(administrative, name) is { } value)
            {
                kept[name] = value;
            }
        }

        return Share(kept);
    }

    /// <summary>Equal names and values.</summary>
    public static bool Same(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        ReferenceEquals(a, b)
        || (a.Count == b.Count && a.All(f => b.TryGetValue(f.Key, out var other) && string.Equals(f.Value, other, StringComparison.Ordinal)));

    /// <summary>Whether two records' administrative fields agree on every lookup field (the others do not matter).</summary>
    public static bool SameLookupFields(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        foreach (var name in Names)
        {
            if (!string.Equals(Value(a, name), Value(b, name), StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The fields in force on <paramref name="date"/>: the latest period started on or before it, else the first.</summary>
    public static IReadOnlyDictionary<string, string> InForce(IReadOnlyList<CmsFieldPeriod> periods, DateOnly date)
    {
        if (periods.Count == 0)
        {
            return None;
        }

        var index = 0;
        for (var i = 1; i < periods.Count && periods[i].Start <= date; i++)
        {
            index = i;
        }

        return periods[index].Fields;
    }

    private static string? Value(IReadOnlyDictionary<string, string> fields, string name) =>
        fields.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;

    /// <summary>The pooled instance equal to <paramref name="fields"/> (kept in the order given).</summary>
    internal static IReadOnlyDictionary<string, string> Share(IReadOnlyDictionary<string, string> fields)
    {
        if (fields.Count == 0)
        {
            return None;
        }

        var key = new StringBuilder();
        foreach (var (name, value) in fields)
        {
            key.Append(name).Append('\u001f').Append(value).Append('\u001e');
        }

        var canonical = key.ToString();
        if (Shared.TryGetValue(canonical, out var held))
        {
            return held;
        }

        var frozen = fields.ToDictionary(StringComparer.Ordinal);
        return Shared.Count < MaxShared ? Shared.GetOrAdd(canonical, frozen) : frozen;
    }
}
