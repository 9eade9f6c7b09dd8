namespace CodeUpdates.Functions.Http;

/// <summary>
/// Every HTTP route of the app, declared once. host.json sets <c>routePrefix</c> to "" (the web app is
/// served at the site root), so API routes carry their own <c>api/</c>. The <c>[HttpTrigger]</c> attributes
/// use these constants, and <c>codeupdates serve</c> maps those attributes, so both hosts answer the same paths.
/// </summary>
public static class ApiRoutes
{
    public const string CodeSearch = "api/codes/{system}";
    public const string Code = "api/codes/{system}/{code}";
    public const string CodeHistory = "api/codes/{system}/{code}/history";
    public const string CodeLookup = "api/codes/lookup";
    public const string Releases = "api/releases";
    public const string ReleaseChanges = "api/releases/{system}/{effective}/changes";
    public const string SupersededReleaseChanges = "api/releases/{system}/{effective}/superseded/{sha256}/changes";
    public const string Changes = "api/changes/{system}";
    public const string CodeSet = "api/code-sets/{system}/{date}";
    public const string Subscribers = "api/subscribers";
    public const string Subscriber = "api/subscribers/{email}";
    public const string SubscriberCodes = "api/subscribers/{email}/codes";
    public const string Me = "api/me";
    public const string OpenApi = "api/openapi.json";

    // The FHIR R4 terminology door; '$' is a literal in route templates.
    public const string FhirBase = "api/fhir";
    public const string FhirMetadata = FhirBase + "/metadata";
    public const string FhirCodeSystems = FhirBase + "/CodeSystem";
    public const string FhirCodeSystem = FhirBase + "/CodeSystem/{id}";
    public const string FhirLookup = FhirBase + "/CodeSystem/$lookup";
    public const string FhirCodeSystemValidateCode = FhirBase + "/CodeSystem/$validate-code";
    public const string FhirValueSetValidateCode = FhirBase + "/ValueSet/$validate-code";
    public const string FhirExpand = FhirBase + "/ValueSet/$expand";
    public const string FhirTranslate = FhirBase + "/ConceptMap/$translate";
    public const string FhirValueSets = FhirBase + "/ValueSet";
    public const string FhirValueSet = FhirBase + "/ValueSet/{id}";
    public const string FhirVersions = FhirBase + "/$versions";

    /// <summary>The FHIR base itself, where a batch Bundle is POSTed.</summary>
    public const string FhirBatch = FhirBase;
}
