namespace CodeUpdates.Ingestion.Reports;

/// <summary>How much of a release's changes a report shows.</summary>
public enum ReportDetail
{
    /// <summary>
    /// What a mail shows: the first changes of each kind, administrative changes counted per
    /// field, purged codes counted. Gmail clips an HTML part over 102 KB.
    /// </summary>
    Mail,

    /// <summary>Every change (Markdown for a terminal or a wiki).</summary>
    Full,
}
