namespace CodeUpdates.Ingestion.Releases;

/// <summary>A <see cref="ReleaseStatus"/> as the <c>releases</c> table stores it.</summary>
public static class ReleaseStatuses
{
    /// <summary>"processing", "published", "rejected" or "superseded": the same names the API's JSON uses.</summary>
    public static string Name(this ReleaseStatus status) => status switch
    {
        ReleaseStatus.Processing => "processing",
        ReleaseStatus.Published => "published",
        ReleaseStatus.Rejected => "rejected",
        ReleaseStatus.Superseded => "superseded",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>
    /// The status a stored name stands for. A row without one (or with a name this version does not know)
    /// reads as processing, as before: the sweep then finishes or rejects it.
    /// </summary>
    public static ReleaseStatus Parse(string? name) => name switch
    {
        "published" => ReleaseStatus.Published,
        "rejected" => ReleaseStatus.Rejected,
        "superseded" => ReleaseStatus.Superseded,
        _ => ReleaseStatus.Processing,
    };
}
