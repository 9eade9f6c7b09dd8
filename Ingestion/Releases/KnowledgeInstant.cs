using CodeUpdates.Ingestion.Versions;

namespace CodeUpdates.Ingestion.Releases;

/// <summary>
/// The one rule of "as known at" (DESIGN.md "As known at (audit)"). Every release application writes its version rows
/// under a knowledge stamp chosen before its first row; the system answers from a stamp from the instant that release
/// is published (its record's <see cref="ReleaseRecord.PublishedAt"/>, when the lookup caches have taken it in) until
/// the next publish of the system. So at an instant T the system answered from the stamp S of the release published
/// last by T (published then or superseded since), and the versions it held are the rows with KnownFrom &lt;= S and
/// KnownTo null or &gt; S. An attempt that failed, was abandoned or is still running has a stamp no published release
/// has: its rows are never known, and the rows it closed stay known to the previous state.
/// </summary>
public static class KnowledgeInstant
{
    /// <summary>The releases of a system that were ever published (the present ones and those superseded since), in publish order.</summary>
    public static IReadOnlyList<ReleaseRecord> Publications(IEnumerable<ReleaseRecord> records) =>
        records
            .Where(r => r.PublishedAt is not null && r.Status is ReleaseStatus.Published or ReleaseStatus.Superseded)
            .OrderBy(r => r.PublishedAt)
            .ToArray();

    /// <summary>A published release's stamp; a record written before stamps were kept has its publish instant as its stamp.</summary>
    public static DateTimeOffset StampOf(ReleaseRecord published) =>
        published.KnowledgeStamp ?? published.PublishedAt ?? throw new ArgumentException($"{published.Source} was never published", nameof(published));

    /// <summary>What the system of <paramref name="records"/> answered from at <paramref name="knownAt"/>; null when nothing of it was published yet.</summary>
    public static KnowledgeState? At(IEnumerable<ReleaseRecord> records, DateTimeOffset knownAt)
    {
        var publications = Publications(records);
        var answering = publications.LastOrDefault(r => r.PublishedAt <= knownAt);
        return answering is null ? null : new KnowledgeState(knownAt, answering, publications);
    }

    /// <summary>
    /// The stamp for applying the release whose record is <paramref name="existing"/> (null for a first attempt): a retry
    /// after a kill keeps the stamp its processing record holds, so the rows the killed run wrote stay its own; but only
    /// while no other release of the system was published since, else those rows would be known at that release's state.
    /// </summary>
    public static DateTimeOffset StampFor(IReadOnlyList<ReleaseRecord> records, ReleaseRecord? existing, string sha256, DateTimeOffset now)
    {
        if (existing is { Status: ReleaseStatus.Processing, KnowledgeStamp: { } kept } && existing.Sha256 == sha256
            && Publications(records).All(r => StampOf(r) < kept))
        {
            return kept;
        }

        return NewStamp(records, now);
    }

    /// <summary>A stamp later than every stamp the system's records hold, to the millisecond (what storage keeps exactly).</summary>
    public static DateTimeOffset NewStamp(IEnumerable<ReleaseRecord> records, DateTimeOffset now)
    {
        var stamp = DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds());
        foreach (var record in records)
        {
            var held = record.KnowledgeStamp ?? record.PublishedAt;
            if (held is { } h && h >= stamp)
            {
                stamp = DateTimeOffset.FromUnixTimeMilliseconds(h.ToUnixTimeMilliseconds() + 1);
            }
        }

        return stamp;
    }

    /// <summary>Whether a row held between <paramref name="knownFrom"/> and <paramref name="knownTo"/> is known at the state of <paramref name="stamp"/>.</summary>
    public static bool Holds(DateTimeOffset stamp, DateTimeOffset knownFrom, DateTimeOffset? knownTo) =>
        knownFrom <= stamp && (knownTo is null || knownTo > stamp);

    /// <summary>The versions of <paramref name="rows"/> (one code's or a whole system's) known at <paramref name="state"/>, by code, oldest first.</summary>
    public static Dictionary<string, IReadOnlyList<CodeVersion>> Known(KnowledgeState state, IEnumerable<KnownVersion> rows) =>
        rows
            .Where(state.Holds)
            .GroupBy(r => r.Version.Code, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                // A run killed between copying a row to the closed versions and changing it leaves the same version twice.
                g => (IReadOnlyList<CodeVersion>)g.DistinctBy(r => r.Version.Start).Select(r => r.Version).OrderBy(v => v.Start).ToArray(),
                StringComparer.Ordinal);
}
