namespace CodeUpdates.Ingestion.Reports;

/// <summary>How a run of report text is marked; each renderer has its own way of showing it.</summary>
public enum Mark
{
    None,

    /// <summary>Words the release removed.</summary>
    Removed,

    /// <summary>Words the release inserted.</summary>
    Inserted,

    /// <summary>A short label in front of text ("long:").</summary>
    Label,

    /// <summary>A flag a reader must not miss ("new").</summary>
    Flag,
}
