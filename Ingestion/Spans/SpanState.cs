using CodeUpdates.Ingestion.Answers;
using CodeUpdates.Ingestion.Lookup;
using CodeUpdates.Ingestion.ReleaseFiles;

namespace CodeUpdates.Ingestion.Spans;

/// <summary>
/// The versions a span or a code set is answered from: the present ones in memory, or with <c>knownAt</c> the state
/// the system held at that instant (<see cref="KnownVersions.SystemAtAsync"/>), with the releases it held then.
/// </summary>
/// <param name="Then">The past state asked for; null for the present.</param>
public sealed record SpanState(IVersionIndex Index, KnownSystem? Then)
{
    /// <summary>The instant asked about, for the answer to say so; null for the present.</summary>
    public DateTimeOffset? KnownAt => Then?.State.KnownAt;

    /// <summary>When the release the system answered from at <see cref="KnownAt"/> was published.</summary>
    public DateTimeOffset? KnownAsOf => Then?.State.KnownAsOf;

    /// <summary>
    /// The state for the parsed <paramref name="knownAt"/> (absent: the present). Nothing of the system published by then
    /// is a 404, as a lookup's; a host with no storage to read the past from refuses knownAt.
    /// </summary>
    public static async Task<Answer<SpanState>> ResolveAsync(
        IVersionSource versions, KnownVersions? known, CodeSystem system, DateTimeOffset? knownAt, CancellationToken cancellationToken)
    {
        if (knownAt is not { } at)
        {
            return Answer<SpanState>.Of(new SpanState(await versions.GetAsync(cancellationToken), null));
        }

        if (known is null)
        {
            return Refusal.Invalid("knownAt is not offered here: this service holds the present versions only");
        }

        return await known.SystemAtAsync(system, at, cancellationToken) is { } then
            ? Answer<SpanState>.Of(new SpanState(then.Index, then))
            : Refusal.NotFound($"no {system.Name()} release was published by {at:O}: nothing of {system.Name()} was known then");
    }

    /// <summary>The effective dates of the releases the state held, oldest first; null for the present (the loaded releases answer).</summary>
    public IReadOnlyList<DateOnly>? HeldReleases => Then?.State.Held.Select(r => r.Effective!.Value).ToArray();
}
