using CodeUpdates.Ingestion.Answers;
using CodeUpdates.Ingestion.ReleaseFiles;

namespace CodeUpdates.Ingestion.Subscribers;

/// <summary>Who gets which systems' change reports, as the API changes and lists it: checks the request, then the store.</summary>
public sealed class SubscriberDirectory(SubscriberStore store)
{
    /// <summary>Subscribes the address to the systems named, replacing what it followed (the address compares case-insensitively).</summary>
    public async Task<Answer<Subscriber>> PutAsync(string? email, SubscriberRequest? request, CancellationToken cancellationToken)
    {
        email = Address(email);
        if (!EmailAddress.IsValid(email))
        {
            return Refusal.Invalid($"'{email}' is not a mail address such as coder@example.org", "Invalid email address");
        }

        if (request?.Systems is not { Count: > 0 } names)
        {
            return Refusal.Invalid("the body must name at least one code system: " + SubscriberRequest.Example, "No code systems");
        }

        var systems = new List<CodeSystem>();
        foreach (var name in names)
        {
            if (!CodeSystems.TryParse(name, out var system))
            {
                return Refusal.Invalid($"'{name}' is not a code system; use hcpcs or cpt", "Unknown code system");
            }

            systems.Add(system);
        }

        return Answer<Subscriber>.Of(await store.PutAsync(email, systems, cancellationToken));
    }

    public async Task<SubscriberList> ListAsync(CancellationToken cancellationToken) =>
        new(await store.ListAsync(cancellationToken));

    /// <summary>Unsubscribes the address; refused as not found when it was not subscribed.</summary>
    public async Task<Refusal?> DeleteAsync(string? email, CancellationToken cancellationToken)
    {
        email = Address(email);
        return await store.DeleteAsync(email, cancellationToken)
            ? null
            : Refusal.NotFound($"'{email}' is not subscribed", "No such subscriber");
    }

    // Route values arrive still escaped from some hosts (an @ as %40).
    private static string Address(string? email) => Uri.UnescapeDataString(email ?? string.Empty).Trim();
}
