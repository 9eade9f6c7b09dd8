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

        IReadOnlyList<string>? codes = null;
        if (request.Codes is { } given)
        {
            var list = CodeList.FromCodes(given);
            if (list.Refusal is { } refused)
            {
                return refused;
            }

            codes = list.Value!.Codes;
        }

        return Answer<Subscriber>.Of(await store.PutAsync(email, systems, codes, cancellationToken));
    }

    /// <summary>
    /// Replaces a subscriber's code list with the one in the body, read by <see cref="CodeList.Parse"/> (text/plain,
    /// text/csv, JSON); refused when the address is not subscribed, or the body holds no code (an empty upload is a
    /// mistake more often than a wish: <see cref="DeleteCodesAsync"/> removes a list).
    /// </summary>
    public async Task<Answer<SubscriberCodeList>> PutCodesAsync(string? email, string? contentType, byte[] body, CancellationToken cancellationToken)
    {
        email = Address(email);
        var list = CodeList.Parse(contentType, body);
        if (list.Refusal is { } refused)
        {
            return refused;
        }

        var codes = list.Value!.Codes;
        if (codes.Count == 0)
        {
            return Refusal.Invalid("the code list holds no code; to remove a subscriber's list, DELETE it", "No codes");
        }

        return await store.PutCodesAsync(email, codes, cancellationToken)
            ? Answer<SubscriberCodeList>.Of(new SubscriberCodeList(email, codes.Count, null))
            : NotSubscribed(email);
    }

    /// <summary>The subscriber's code list, every code; an address with no list answers an empty one.</summary>
    public async Task<Answer<SubscriberCodeList>> GetCodesAsync(string? email, CancellationToken cancellationToken)
    {
        email = Address(email);
        return await store.GetCodesAsync(email, cancellationToken) is { } codes
            ? Answer<SubscriberCodeList>.Of(new SubscriberCodeList(email, codes.Count, codes))
            : NotSubscribed(email);
    }

    /// <summary>Removes the subscriber's code list (they get the whole report only); refused when the address is not subscribed.</summary>
    public async Task<Refusal?> DeleteCodesAsync(string? email, CancellationToken cancellationToken)
    {
        email = Address(email);
        return await store.PutCodesAsync(email, [], cancellationToken) ? null : NotSubscribed(email);
    }

    public async Task<SubscriberList> ListAsync(CancellationToken cancellationToken) =>
        new(await store.ListAsync(cancellationToken));

    /// <summary>Unsubscribes the address; refused as not found when it was not subscribed.</summary>
    public async Task<Refusal?> DeleteAsync(string? email, CancellationToken cancellationToken)
    {
        email = Address(email);
        return await store.DeleteAsync(email, cancellationToken) ? null : NotSubscribed(email);
    }

    private static Refusal NotSubscribed(string email) => Refusal.NotFound($"'{email}' is not subscribed", "No such subscriber");

    // Route values arrive still escaped from some hosts (an @ as %40).
    private static string Address(string? email) => Uri.UnescapeDataString(email ?? string.Empty).Trim();
}
