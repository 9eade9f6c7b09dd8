using System.Globalization;

namespace CodeUpdates.Ingestion.Reports;

/// <summary>
/// What a release changed of one subscriber's code list: how many of their codes changed, and those changes
/// by kind. It leads their mail; the codes the release left alone are counted, never listed.
/// </summary>
/// <param name="Changed">Codes of the list the release changed (any kind).</param>
/// <param name="Listed">Codes on the list.</param>
/// <param name="Sections">The changes of those codes, by kind, each cut at <see cref="ChangeReport.MailRowsPerKind"/>.</param>
public sealed record CodeListImpact(int Changed, int Listed, IReadOnlyList<ReportSection> Sections)
{
    /// <summary>"3 of your 1,200 codes changed".</summary>
    public string Sentence =>
        $"{Changed.ToString("N0", CultureInfo.InvariantCulture)} of your {Listed.ToString("N0", CultureInfo.InvariantCulture)} codes changed";

    /// <summary>The heading of one of the subscriber's sections: "Your codes: Added (3)".</summary>
    public static string SectionTitle(ReportSection section) => "Your codes: " + section.Title;
}
