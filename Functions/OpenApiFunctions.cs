using CodeUpdates.Functions.Http;
using CodeUpdates.Functions.OpenApi;
using CodeUpdates.Ingestion.Answers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;

namespace CodeUpdates.Functions;

/// <summary>The OpenAPI description of the API, for a claims-system developer generating a client.</summary>
public sealed class OpenApiFunctions
{
    private static readonly Lazy<string> Tag = new(() => ContentTag.Of(OpenApiDocument.Json));

    [Function("GetOpenApiDocument")]
    public Results<ContentHttpResult, StatusCodeHttpResult, ProblemHttpResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ApiRoutes.OpenApi)] HttpRequest request) =>
        HttpAnswers.Text(request, Answer<string>.Of(OpenApiDocument.Json, Tag.Value), "application/json");
}
