namespace CodeUpdates.Ingestion.Releases;

public enum IngestOutcome
{
    /// <summary>New (or corrected) release applied and published.</summary>
    Published,

    /// <summary>The same bytes were already published for that date: nothing written.</summary>
    Unchanged,

    /// <summary>The file cannot be a release; recorded as rejected and moved to quarantine.</summary>
    Rejected,

    /// <summary>The blob is gone (already quarantined or deleted): nothing to do.</summary>
    Missing,

    /// <summary>A file uploaded later gives the same date: recorded as superseded by it, nothing else written.</summary>
    Superseded,
}
