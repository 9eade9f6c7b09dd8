using CodeUpdates.Ingestion.Releases;

namespace CodeUpdates.Ingestion.Versions;

/// <summary>
/// Derives a code's versions from the loaded releases of its system (DESIGN.md "Versions and
/// as-of answers"). A pure function of the set of snapshots: the order they arrived in does not matter.
/// </summary>
public static class CodeTimeline
{
    /// <summary>Every code's versions, codes in ordinal order, each code's versions oldest first.</summary>
    public static IEnumerable<IReadOnlyList<CodeVersion>> BuildAll(IReadOnlyList<ReleaseSnapshot> releases)
    {
        var ordered = Order(releases);
        var codes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var release in ordered)
        {
            foreach (var record in release.Codes)
            {
                codes.Add(record.Code);
            }
        }

        foreach (var code in codes)
        {
            yield return BuildOrdered(code, ordered);
        }
    }

    /// <summary>One code's versions, oldest first; empty when no release has the code.</summary>
    internal static IReadOnlyList<CodeVersion> Build(string code, IReadOnlyList<ReleaseSnapshot> releases) =>
        BuildOrdered(code, Order(releases));

    private static ReleaseSnapshot[] Order(IReadOnlyList<ReleaseSnapshot> releases)
    {
        var ordered = releases.OrderBy(r => r.Identity.Effective).ToArray();
        for (var i = 1; i < ordered.Length; i++)
        {
            if (ordered[i].Identity.Effective == ordered[i - 1].Identity.Effective)
            {
                throw new ArgumentException($"two releases effective {ordered[i].Identity.Effective:yyyy-MM-dd}; one replaces the other");
            }
        }

        return ordered;
    }

    private static IReadOnlyList<CodeVersion> BuildOrdered(string code, ReleaseSnapshot[] ordered)
    {
        // The releases that state the code, oldest first, with the index of each in the ordered list.
        var stated = new List<(int Index, CodeRecord Record)>();
        for (var i = 0; i < ordered.Length; i++)
        {
            if (ordered[i].Find(code) is { } record)
            {
                stated.Add((i, record));
            }
        }

        if (stated.Count == 0)
        {
            return [];
        }

        var first = ordered[stated[0].Index].Identity.Effective;
        var (latestIndex, latest) = stated[^1];
        var validFrom = latest.AddDate ?? first;
        DateOnly? validTo = latest.TerminationDate
            ?? (latestIndex + 1 < ordered.Length ? ordered[latestIndex + 1].Identity.Effective.AddDays(-1) : null);

        // Text periods: a new period starts whenever the text differs from the release before.
        var periods = new List<(DateOnly Start, DateOnly Release, IReadOnlyDictionary<string, string> Descriptors)>
        {
            (validFrom < first ? validFrom : first, first, stated[0].Record.Descriptors),
        };
        for (var s = 1; s < stated.Count; s++)
        {
            var previous = periods[^1].Descriptors;
            var release = ordered[stated[s].Index].Identity;
            var descriptors = Carry(previous, stated[s].Record.Descriptors, ordered[stated[s].Index].DescriptorKinds);
            if (SameText(previous, descriptors))
            {
                continue;
            }

            var priorEffective = ordered[stated[s - 1].Index].Identity.Effective;
            var actionEffective = stated[s].Record.ActionEffectiveDate;
            var start = actionEffective is { } a && a > priorEffective && a <= release.Effective ? a : release.Effective;
            periods.Add((start, release.Effective, descriptors));
        }

        var versions = new CodeVersion[periods.Count];
        for (var p = 0; p < periods.Count; p++)
        {
            DateOnly? end = p + 1 < periods.Count ? periods[p + 1].Start.AddDays(-1) : validTo;
            versions[p] = new CodeVersion(
                ordered[0].Identity.System,
                code,
                latest.Kind,
                periods[p].Start,
                end,
                periods[p].Descriptors,
                periods[p].Release,
                validFrom,
                validTo,
                latest.TerminationDate,
                latest.CrossReferences);
        }

        return versions;
    }

    /// <summary>A release that does not carry a descriptor kind (a LONGULT-only CPT file) keeps the earlier text of that kind.</summary>
    private static IReadOnlyDictionary<string, string> Carry(
        IReadOnlyDictionary<string, string> previous, IReadOnlyDictionary<string, string> current, IReadOnlyList<string> carried)
    {
        if (previous.Keys.All(carried.Contains))
        {
            return current;
        }

        var merged = new Dictionary<string, string>(current, StringComparer.Ordinal);
        foreach (var (kind, text) in previous)
        {
            if (!carried.Contains(kind))
            {
                merged.TryAdd(kind, text);
            }
        }

        return merged;
    }

    private static bool SameText(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var other) && TextNormalizer.SameText(kv.Value, other));
}
