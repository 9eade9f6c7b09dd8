using CodeUpdates.Ingestion.Answers;
using CodeUpdates.Ingestion.Diff;
using CodeUpdates.Ingestion.Lookup;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Versions;

namespace CodeUpdates.Ingestion.Spans;

/// <summary>
/// The net change between two service dates, from any state of the versions (the cache's, or a past one):
/// each code's as-of answer (<see cref="AsOfAnswer"/>) on both dates, compared by the table of DESIGN.md
/// "Changes across any span". Whatever releases lie between, only the two answers count.
/// </summary>
public static class SpanDiff
{
    /// <param name="loadedReleases">Effective dates of the releases <paramref name="index"/> was computed from.</param>
    /// <param name="codes">A caller's list: every listed code gets one row. Null: every code of the system, changes only.</param>
    public static SpanChanges Compute(
        IVersionIndex index, CodeSystem system, DateOnly from, DateOnly to, IEnumerable<DateOnly> loadedReleases, CodeList? codes)
    {
        if (from >= to)
        {
            throw new ArgumentException($"from {IsoDate.Format(from)} is not before to {IsoDate.Format(to)}", nameof(from));
        }

        var rows = new List<SpanChange>();
        if (codes is null)
        {
            foreach (var versions in index.Codes(system))
            {
                if (Row(versions[0].Code, versions, from, to) is { Change: SpanChangeKind.Added or SpanChangeKind.Deleted or SpanChangeKind.Revised } row)
                {
                    rows.Add(row);
                }
            }
        }
        else
        {
            foreach (var code in codes.Codes.Order(StringComparer.Ordinal))
            {
                rows.Add(Row(code, index.Find(system, code), from, to));
            }
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var kind in Enum.GetValues<SpanChangeKind>().Where(k => codes is not null || k <= SpanChangeKind.Revised))
        {
            counts[kind.Name()] = 0;
        }

        foreach (var row in rows)
        {
            counts[row.Change.Name()]++;
        }

        var releases = loadedReleases.Where(d => d > from && d <= to).Distinct().Order().ToArray();
        return new SpanChanges(system.Name(), from, to, releases, counts, rows);
    }

    /// <summary>The code's row: its as-of answers on both dates, compared.</summary>
    /// <param name="versions">The code's versions, oldest first; null for a code no loaded release has.</param>
    public static SpanChange Row(string code, IReadOnlyList<CodeVersion>? versions, DateOnly from, DateOnly to)
    {
        if (versions is null)
        {
            return new SpanChange(code, SpanChangeKind.Unknown, [], null, null, [], null, []);
        }

        var before = AsOfAnswer.For(versions, from);
        var after = AsOfAnswer.For(versions, to);
        IReadOnlyList<TextRevision> revisions = [];
        var kind = (before.Valid, after.Valid) switch
        {
            (true, true) => (revisions = Revisions(before.Version, after.Version)).Count > 0 ? SpanChangeKind.Revised : SpanChangeKind.Unchanged,
            (true, false) => SpanChangeKind.Deleted,
            (false, true) => SpanChangeKind.Added,
            _ => SpanChangeKind.Invalid,
        };

        return new SpanChange(
            code,
            kind,
            revisions.Select(r => r.Descriptor).ToArray(),
            Side(before),
            Side(after),
            after.Version.ReplacedBy,
            after.Version.ValidTo,
            revisions);
    }

    /// <summary>As a release diff and a code's history compare text: the descriptors both carry, in the later one's order.</summary>
    private static IReadOnlyList<TextRevision> Revisions(CodeVersion before, CodeVersion after) =>
        ReferenceEquals(before, after)
            ? []
            : ReleaseDiff.TextRevisions(before.Descriptors, after.Descriptors, after.Descriptors.Keys.Where(before.Descriptors.ContainsKey));

    private static SpanSide Side(AsOfAnswer answer) => new(
        answer.Valid,
        answer.Version.Descriptors.GetValueOrDefault(DescriptorKind.Long),
        answer.Version.Descriptors.GetValueOrDefault(DescriptorKind.Short));
}
