using CodeUpdates.Ingestion.Fhir;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CodeUpdates.Functions;

/// <summary>The FHIR R4 terminology door (DESIGN.md "FHIR R4 terminology"): each operation by GET and by POST of a Parameters resource.</summary>
public sealed class FhirFunctions(FhirTerminology terminology)
{
    [Function("FhirMetadata")]
    public async Task<IActionResult> Metadata(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "fhir/metadata")] HttpRequest request,
        CancellationToken cancellationToken) =>
        FhirHttp.Respond(request, await terminology.MetadataAsync(request.Query["mode"], FhirHttp.BaseUrl(request), cancellationToken));

    [Function("FhirSearchCodeSystems")]
    public async Task<IActionResult> SearchCodeSystems(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "fhir/CodeSystem")] HttpRequest request,
        CancellationToken cancellationToken) =>
        FhirHttp.Respond(request, await terminology.SearchCodeSystemsAsync(request.Query["url"], request.Query["version"], FhirHttp.BaseUrl(request), cancellationToken));

    [Function("FhirReadCodeSystem")]
    public async Task<IActionResult> ReadCodeSystem(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "fhir/CodeSystem/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        FhirHttp.Respond(request, await terminology.ReadCodeSystemAsync(id, cancellationToken));

    [Function("FhirLookup")]
    public Task<IActionResult> Lookup(
        [HttpTrigger(AuthorizationLevel.Function, "get", "post", Route = "fhir/CodeSystem/$lookup")] HttpRequest request,
        CancellationToken cancellationToken) =>
        Operation(request, terminology.LookupAsync, cancellationToken);

    [Function("FhirCodeSystemValidateCode")]
    public Task<IActionResult> ValidateCodeInCodeSystem(
        [HttpTrigger(AuthorizationLevel.Function, "get", "post", Route = "fhir/CodeSystem/$validate-code")] HttpRequest request,
        CancellationToken cancellationToken) =>
        Operation(request, (input, ct) => terminology.ValidateCodeAsync(input, valueSet: false, ct), cancellationToken);

    [Function("FhirValueSetValidateCode")]
    public Task<IActionResult> ValidateCodeInValueSet(
        [HttpTrigger(AuthorizationLevel.Function, "get", "post", Route = "fhir/ValueSet/$validate-code")] HttpRequest request,
        CancellationToken cancellationToken) =>
        Operation(request, (input, ct) => terminology.ValidateCodeAsync(input, valueSet: true, ct), cancellationToken);

    [Function("FhirExpand")]
    public Task<IActionResult> Expand(
        [HttpTrigger(AuthorizationLevel.Function, "get", "post", Route = "fhir/ValueSet/$expand")] HttpRequest request,
        CancellationToken cancellationToken) =>
        Operation(request, terminology.ExpandAsync, cancellationToken);

    [Function("FhirTranslate")]
    public Task<IActionResult> Translate(
        [HttpTrigger(AuthorizationLevel.Function, "get", "post", Route = "fhir/ConceptMap/$translate")] HttpRequest request,
        CancellationToken cancellationToken) =>
        Operation(request, terminology.TranslateAsync, cancellationToken);

    private static async Task<IActionResult> Operation(
        HttpRequest request, Func<OperationInput, CancellationToken, Task<FhirAnswer>> operation, CancellationToken cancellationToken)
    {
        var (input, error) = await FhirHttp.ReadAsync(request, cancellationToken);
        return error ?? FhirHttp.Respond(request, await operation(input!, cancellationToken));
    }
}
