namespace CodeUpdates.Ingestion.Releases;

/// <summary>A published release's changes in one format (json, csv or xlsx), named before anything is computed.</summary>
public sealed record ReleaseChangesQuery(PublishedRelease Release, string Format)
{
    /// <summary>Asked as known at a past instant: the release or its prior may have been replaced since, so kept copies answer too.</summary>
    public bool KnownBefore { get; init; }
}
