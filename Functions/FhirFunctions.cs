using CodeUpdates.Ingestion.Access;
using CodeUpdates.Ingestion.Fhir;
using CodeUpdates.Functions.Access;
using CodeUpdates.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace CodeUpdates.Functions;

/// <summary>The FHIR R4 terminology door (DESIGN.md "FHIR R4 terminology"): each operation by GET and by POST of a Parameters resource.</summary>
// Every operation only reads, POST included (a POSTed Parameters is how FHIR sends long inputs), so readers may call them all.
[Requires(Clearance.Reader)]
public sealed class FhirFunctions(FhirTerminology terminology)
{
    [Function("FhirMetadata")]
    public async Task<IResult> Metadata(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ApiRoutes.FhirMetadata)] HttpRequest request,
        CancellationToken cancellationToken) =>
        FhirHttp.Respond(request, await terminology.MetadataAsync(request.Query["mode"], FhirHttp.BaseUrl(request), cancellationToken));

    [Function("FhirSearchCodeSystems")]
    public async Task<IResult> SearchCodeSystems(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ApiRoutes.FhirCodeSystems)] HttpRequest request,
        CancellationToken cancellationToken) =>
        FhirHttp.Respond(request, await terminology.SearchCodeSystemsAsync(request.Query["url"], request.Query["version"], FhirHttp.BaseUrl(request), cancellationToken));

    [Function("FhirReadCodeSystem")]
    public async Task<IResult> ReadCodeSystem(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ApiRoutes.FhirCodeSystem)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        FhirHttp.Respond(request, await terminology.ReadCodeSystemAsync(id, FhirHttp.BaseUrl(request), cancellationToken));

    [Function("FhirSearchValueSets")]
    public Task<IResult> SearchValueSets(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ApiRoutes.FhirValueSets)] HttpRequest request) =>
        Task.FromResult(FhirHttp.Respond(request, terminology.SearchValueSets(request.Query["url"], request.Query["version"], FhirHttp.BaseUrl(request))));

    [Function("FhirReadValueSet")]
    public Task<IResult> ReadValueSet(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ApiRoutes.FhirValueSet)] HttpRequest request,
        string id) =>
        Task.FromResult(FhirHttp.Respond(request, terminology.ReadValueSet(id, FhirHttp.BaseUrl(request))));

    [Function("FhirVersions")]
    public Task<IResult> Versions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", Route = ApiRoutes.FhirVersions)] HttpRequest request) =>
        Task.FromResult(FhirHttp.Respond(request, terminology.Versions()));

    [Function("FhirBatch")]
    public async Task<IResult> Batch(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.FhirBatch)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (bundle, error) = await FhirHttp.ReadBundleAsync(request, cancellationToken);
        return error ?? FhirHttp.Respond(request, await terminology.BatchAsync(bundle!, FhirHttp.BaseUrl(request), cancellationToken));
    }

    [Function("FhirLookup")]
    public Task<IResult> Lookup(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", Route = ApiRoutes.FhirLookup)] HttpRequest request,
        CancellationToken cancellationToken) =>
        Operation(request, terminology.LookupAsync, cancellationToken);

    [Function("FhirCodeSystemValidateCode")]
    public Task<IResult> ValidateCodeInCodeSystem(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", Route = ApiRoutes.FhirCodeSystemValidateCode)] HttpRequest request,
        CancellationToken cancellationToken) =>
        Operation(request, (input, ct) => terminology.ValidateCodeAsync(input, valueSet: false, ct), cancellationToken);

    [Function("FhirValueSetValidateCode")]
    public Task<IResult> ValidateCodeInValueSet(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", Route = ApiRoutes.FhirValueSetValidateCode)] HttpRequest request,
        CancellationToken cancellationToken) =>
        Operation(request, (input, ct) => terminology.ValidateCodeAsync(input, valueSet: true, ct), cancellationToken);

    [Function("FhirExpand")]
    public Task<IResult> Expand(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", Route = ApiRoutes.FhirExpand)] HttpRequest request,
        CancellationToken cancellationToken) =>
        Operation(request, (input, ct) => terminology.ExpandAsync(input, FhirHttp.BaseUrl(request), ct), cancellationToken);

    [Function("FhirTranslate")]
    public Task<IResult> Translate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", Route = ApiRoutes.FhirTranslate)] HttpRequest request,
        CancellationToken cancellationToken) =>
        Operation(request, terminology.TranslateAsync, cancellationToken);

    private static async Task<IResult> Operation(
        HttpRequest request, Func<OperationInput, CancellationToken, Task<FhirAnswer>> operation, CancellationToken cancellationToken)
    {
        var (input, error) = await FhirHttp.ReadAsync(request, cancellationToken);
        return error ?? FhirHttp.Respond(request, await operation(input!, cancellationToken));
    }
}
