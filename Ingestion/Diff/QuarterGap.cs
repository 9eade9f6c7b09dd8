namespace CodeUpdates.Ingestion.Diff;

/// <summary>
/// CMS publishes HCPCS every quarter, effective January, April, July and October 1 (DESIGN.md "As known at", Gaps):
/// the quarters between a release and its prior loaded release are releases that were never loaded.
/// </summary>
public static class QuarterGap
{
    /// <summary>Every quarter start after <paramref name="prior"/> and before <paramref name="current"/>, oldest first; empty when the prior is the quarter before.</summary>
    public static IReadOnlyList<DateOnly> MissingQuarters(DateOnly prior, DateOnly current)
    {
        var missing = new List<DateOnly>();
        var quarter = new DateOnly(prior.Year, (prior.Month - 1) / 3 * 3 + 1, 1).AddMonths(3);
        for (; quarter < current; quarter = quarter.AddMonths(3))
        {
            missing.Add(quarter);
        }

        return missing;
    }
}
