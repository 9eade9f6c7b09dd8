using System.Text.Json;
using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Ingestion.Subscribers;
using Microsoft.AspNetCore.Http;

namespace CodeUpdates.Ingestion.Http;

/// <summary>The body of <c>PUT /api/subscribers/{email}</c>.</summary>
public sealed record SubscriberRequest(IReadOnlyList<string>? Systems);

/// <summary>The body of <c>GET /api/subscribers</c>.</summary>
public sealed record SubscriberList(IReadOnlyList<Subscriber> Subscribers);

/// <summary>
/// <c>PUT|GET|DELETE /api/subscribers</c> as small static handlers: hosts (Functions, serve) bind
/// the route and call these; tests call them directly.
/// </summary>
public static class SubscriberEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<IResult> PutAsync(string email, HttpRequest request, SubscriberStore store, CancellationToken cancellationToken)
    {
        email = Uri.UnescapeDataString(email ?? string.Empty).Trim();
        if (!EmailAddress.IsValid(email))
        {
            return BadRequest("Invalid email address", $"'{email}' is not a mail address such as coder@example.org");
        }

        SubscriberRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<SubscriberRequest>(request.Body, Json, cancellationToken);
        }
        catch (JsonException ex)
        {
            return BadRequest("Invalid body", $"expected {{ \"systems\": [\"hcpcs\", \"cpt\"] }}: {ex.Message}");
        }

        if (body?.Systems is not { Count: > 0 } names)
        {
            return BadRequest("No code systems", "the body must name at least one code system: { \"systems\": [\"hcpcs\", \"cpt\"] }");
        }

        var systems = new List<CodeSystem>();
        foreach (var name in names)
        {
            if (!CodeSystems.TryParse(name, out var system))
            {
                return BadRequest("Unknown code system", $"'{name}' is not a code system; use hcpcs or cpt");
            }

            systems.Add(system);
        }

        return Results.Ok(await store.PutAsync(email, systems, cancellationToken));
    }

    public static async Task<IResult> ListAsync(SubscriberStore store, CancellationToken cancellationToken) =>
        Results.Ok(new SubscriberList(await store.ListAsync(cancellationToken)));

    public static async Task<IResult> DeleteAsync(string email, SubscriberStore store, CancellationToken cancellationToken)
    {
        email = Uri.UnescapeDataString(email ?? string.Empty).Trim();
        return await store.DeleteAsync(email, cancellationToken)
            ? Results.NoContent()
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such subscriber", detail: $"'{email}' is not subscribed");
    }

    private static IResult BadRequest(string title, string detail) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: title, detail: detail);
}
