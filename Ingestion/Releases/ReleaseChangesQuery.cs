namespace CodeUpdates.Ingestion.Releases;

/// <summary>A published release's changes in one format (json, csv or xlsx), named before anything is computed.</summary>
public sealed record ReleaseChangesQuery(PublishedRelease Release, string Format)
{
    /// <summary>
    /// The instant the changes were asked as known at (<c>knownAt</c>); null for the present. The release or its prior
    /// may have been replaced since, so kept copies answer too.
    /// </summary>
    public DateTimeOffset? KnownAt { get; init; }

    /// <summary>With <see cref="KnownAt"/>: when the release the system answered from at that instant was published.</summary>
    public DateTimeOffset? KnownAsOf { get; init; }
}
