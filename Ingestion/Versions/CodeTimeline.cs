using CodeUpdates.Ingestion.ReleaseFiles;

namespace CodeUpdates.Ingestion.Versions;

/// <summary>
/// Derives a code's versions from the loaded releases of its system (DESIGN.md "Versions and
/// as-of answers"). A pure function of the set of snapshots: the order they arrived in does not matter.
/// </summary>
public static class CodeTimeline
{
    /// <summary>Every code's versions, codes in ordinal order, each code's versions oldest first: the full recompute the incremental one is checked against.</summary>
    internal static IEnumerable<IReadOnlyList<CodeVersion>> BuildAll(IReadOnlyList<ReleaseSnapshot> releases)
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

    /// <summary>
    /// The rule itself. <paramref name="stated"/> holds what each release that has the code states
    /// about it, oldest first; <paramref name="followingLatest"/> is the effective date of the first
    /// release after the latest of them (null when none follows): without a termination date, the
    /// code ends the day before it.
    /// </summary>
    public static IReadOnlyList<CodeVersion> Build(
        CodeSystem system, string code, IReadOnlyList<CodeStatement> stated, DateOnly? followingLatest)
    {
        if (stated.Count == 0)
        {
            return [];
        }

        var first = stated[0].Effective;
        var latest = stated[^1].Record;
        var validFrom = latest.AddDate ?? first;
        DateOnly? validTo = latest.TerminationDate ?? followingLatest?.AddDays(-1);

        // Text periods: a new period starts whenever the text differs from the release before.
        var periods = new List<(DateOnly Start, DateOnly Release, IReadOnlyDictionary<string, string> Descriptors, bool Reused)>
        {
            (validFrom < first ? validFrom : first, first, stated[0].Record.Descriptors, false),
        };
        for (var s = 1; s < stated.Count; s++)
        {
            var previous = periods[^1].Descriptors;
            var release = stated[s].Effective;
            var descriptors = Carry(previous, stated[s].Record.Descriptors, stated[s].DescriptorKinds);
            if (SameText(previous, descriptors))
            {
                continue;
            }

            var priorEffective = stated[s - 1].Effective;
            var actionEffective = stated[s].Record.ActionEffectiveDate;
            var start = actionEffective is { } a && a > priorEffective && a <= release ? a : release;
            periods.Add((start, release, descriptors, CmsActionCodes.IsReused(stated[s - 1].Record, stated[s].Record)));
        }

        var fieldPeriods = FieldPeriods(stated);
        var versions = new CodeVersion[periods.Count];
        for (var p = 0; p < periods.Count; p++)
        {
            DateOnly? end = p + 1 < periods.Count ? periods[p + 1].Start.AddDays(-1) : validTo;
            versions[p] = new CodeVersion(
                system,
                code,
                latest.Kind,
                periods[p].Start,
                end,
                periods[p].Descriptors,
                periods[p].Release,
                validFrom,
                validTo,
                latest.TerminationDate,
                latest.CrossReferences,
                periods[p].Reused)
            {
                FieldPeriods = FieldPeriodsDuring(fieldPeriods, periods[p].Start, p + 1 < periods.Count ? periods[p + 1].Start : null),
            };
        }

        return versions;
    }

    /// <summary>
    /// The code's CMS field periods: each release that has the code states its fields, from the release's
    /// effective date; a period starts where they differ from the release before. They follow the releases,
    /// not the text periods: a field set can change without the text changing.
    /// </summary>
    private static List<CmsFieldPeriod> FieldPeriods(IReadOnlyList<CodeStatement> stated)
    {
        var fieldPeriods = new List<CmsFieldPeriod>();
        foreach (var statement in stated)
        {
            var fields = CmsFields.Of(statement.Record.Administrative);
            if (fieldPeriods.Count == 0 || !CmsFields.Same(fieldPeriods[^1].Fields, fields))
            {
                fieldPeriods.Add(new CmsFieldPeriod(statement.Effective, fields));
            }
        }

        // A code that never had a field (every CPT code) carries no periods at all.
        if (fieldPeriods is [{ Fields.Count: 0 }])
        {
            fieldPeriods.Clear();
        }

        return fieldPeriods;
    }

    /// <summary>The field periods in force on some day from <paramref name="start"/> up to the day before <paramref name="nextStart"/>.</summary>
    private static CmsFieldPeriod[] FieldPeriodsDuring(List<CmsFieldPeriod> fieldPeriods, DateOnly start, DateOnly? nextStart)
    {
        if (fieldPeriods.Count == 0)
        {
            return [];
        }

        var first = 0;
        while (first + 1 < fieldPeriods.Count && fieldPeriods[first + 1].Start <= start)
        {
            first++;
        }

        var last = first;
        while (last + 1 < fieldPeriods.Count && (nextStart is not { } next || fieldPeriods[last + 1].Start < next))
        {
            last++;
        }

        return fieldPeriods.GetRange(first, last - first + 1).ToArray();
    }

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
        var stated = new List<CodeStatement>();
        var latestIndex = -1;
        for (var i = 0; i < ordered.Length; i++)
        {
            if (ordered[i].Find(code) is { } record)
            {
                stated.Add(new CodeStatement(ordered[i].Identity.Effective, ordered[i].DescriptorKinds, record));
                latestIndex = i;
            }
        }

        return stated.Count == 0
            ? []
            : Build(ordered[0].Identity.System, code, stated, latestIndex + 1 < ordered.Length ? ordered[latestIndex + 1].Identity.Effective : null);
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
