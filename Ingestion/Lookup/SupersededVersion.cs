using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Releases;

namespace CodeUpdates.Ingestion.Lookup;

/// <summary>
/// A version the system answered from <paramref name="KnownFrom"/> until <paramref name="KnownTo"/> (the publish instants
/// of the releases that brought and replaced it) and no longer did at the state asked about: a correction or a later
/// release changed or removed it; <paramref name="ClosedBy"/> is that release.
/// </summary>
public sealed record SupersededVersion(
    DateOnly Start,
    DateOnly? End,
    DateOnly Release,
    string? LongDescription,
    string? ShortDescription,
    IReadOnlyDictionary<string, string> Descriptors,
    DateOnly ValidFrom,
    DateOnly? ValidTo,
    DateTimeOffset KnownFrom,
    DateTimeOffset KnownTo,
    ClosingRelease ClosedBy)
{
    /// <summary>
    /// The code's versions that were known at some publish up to the state asked about and were not known at a later one,
    /// oldest start first. The same version held by several rows (a run killed between copying a row and changing it) is
    /// one version, known over the publishes any of them was.
    /// </summary>
    public static IReadOnlyList<SupersededVersion> Of(KnownCode code)
    {
        var state = code.State;
        var publishes = state.Publications.Where(p => KnowledgeInstant.StampOf(p) <= state.Stamp).ToArray();
        var superseded = new List<SupersededVersion>();
        foreach (var same in code.Rows.GroupBy(r => (r.Version.Start, r.Hash)))
        {
            (ReleaseRecord From, Versions.KnownVersion Row)? known = null;
            foreach (var publish in publishes)
            {
                var stamp = KnowledgeInstant.StampOf(publish);
                var holding = same.FirstOrDefault(r => KnowledgeInstant.Holds(stamp, r.KnownFrom ?? state.EarliestStamp, r.KnownTo));
                if (holding is not null)
                {
                    known ??= (publish, holding);
                }
                else if (known is { } k)
                {
                    var v = k.Row.Version;
                    superseded.Add(new SupersededVersion(
                        v.Start, v.End, v.Release,
                        v.Descriptors.GetValueOrDefault(DescriptorKind.Long), v.Descriptors.GetValueOrDefault(DescriptorKind.Short), v.Descriptors,
                        v.ValidFrom, v.ValidTo,
                        k.From.PublishedAt!.Value, publish.PublishedAt!.Value,
                        new ClosingRelease(publish.Effective!.Value, publish.Source)));
                    known = null;
                }
            }
        }

        return superseded.OrderBy(s => s.Start).ThenBy(s => s.KnownFrom).ToArray();
    }
}
