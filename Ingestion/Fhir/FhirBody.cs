namespace CodeUpdates.Ingestion.Fhir;

/// <summary>A serialised resource with the content type it is sent as.</summary>
public sealed record FhirBody(byte[] Content, string ContentType);
