using CodeUpdates.Ingestion.Versions;

namespace CodeUpdates.Ingestion.Releases;

/// <summary>
/// The state a system answered from at <paramref name="KnownAt"/>: that of <paramref name="Answering"/>, the release
/// published last by then (see <see cref="KnowledgeInstant"/>). <paramref name="Publications"/> are every release of
/// the system ever published, in publish order, later ones included: they date when a row became known and stopped being.
/// </summary>
public sealed record KnowledgeState(DateTimeOffset KnownAt, ReleaseRecord Answering, IReadOnlyList<ReleaseRecord> Publications)
{
    /// <summary>The stamp whose rows answered.</summary>
    public DateTimeOffset Stamp => KnowledgeInstant.StampOf(Answering);

    /// <summary>When the answering release was published: the system answered from this state from then on.</summary>
    public DateTimeOffset KnownAsOf => Answering.PublishedAt!.Value;

    /// <summary>A row written before stamps were kept counts as known from the system's first publish.</summary>
    public DateTimeOffset EarliestStamp => KnowledgeInstant.StampOf(Publications[0]);

    /// <summary>
    /// The releases the system held in this state, by effective date: for each date the release published last by
    /// <see cref="KnownAt"/> (a file superseded since is the one held then).
    /// </summary>
    public IReadOnlyList<ReleaseRecord> Held =>
        Publications
            .Where(r => r.PublishedAt <= KnownAt && r.Effective is not null)
            .GroupBy(r => r.Effective!.Value)
            .Select(g => g.Last())
            .OrderBy(r => r.Effective)
            .ToArray();

    public bool Holds(KnownVersion row) => KnowledgeInstant.Holds(Stamp, row.KnownFrom ?? EarliestStamp, row.KnownTo);

    /// <summary>The first release published at or after <paramref name="stamp"/> (by stamp), up to this state's; null when none is.</summary>
    public ReleaseRecord? FirstPublishedFrom(DateTimeOffset stamp) =>
        Publications.FirstOrDefault(r => KnowledgeInstant.StampOf(r) >= stamp && KnowledgeInstant.StampOf(r) <= Stamp);
}
