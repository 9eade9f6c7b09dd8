namespace CodeUpdates.Ingestion.Fhir;

/// <summary>
/// What stands in front of the FHIR door, as the CapabilityStatement must say it (<c>rest.security.service</c>):
/// sign-in (App Service Authentication with Microsoft Entra ID, OAuth 2.0 tokens) or nothing.
/// </summary>
public sealed record FhirServerSecurity(bool SignInRequired)
{
    public static readonly FhirServerSecurity None = new(false);
}
