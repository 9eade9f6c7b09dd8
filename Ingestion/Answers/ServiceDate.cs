namespace CodeUpdates.Ingestion.Answers;

/// <summary>The service date a request asks about when it names none.</summary>
public static class ServiceDate
{
    /// <summary>
    /// Today in UTC: every door (the JSON lookups, the search, FHIR) answers an undated question as of the
    /// same day, whatever the server's time zone.
    /// </summary>
    public static DateOnly Today(this TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
}
