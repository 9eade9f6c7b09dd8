namespace CodeUpdates.Ingestion.Fhir;

public enum FhirFormat
{
    Json,
    Xml,
}
