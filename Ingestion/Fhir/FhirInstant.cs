namespace CodeUpdates.Ingestion.Fhir;

/// <summary>The present moment as a FHIR dateTime (the metadata's date, an expansion's timestamp).</summary>
internal static class FhirInstant
{
    /// <summary>UTC to the second, so a metadata date or expansion timestamp is written the same way in JSON and XML.</summary>
    public static string Now(this TimeProvider time) =>
        time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
