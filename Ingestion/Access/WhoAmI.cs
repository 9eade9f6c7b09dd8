namespace CodeUpdates.Ingestion.Access;

/// <summary>What <c>GET api/me</c> answers: who is signed in, so the web app can name them and show admin pages to admins only.</summary>
public sealed record WhoAmI(string Name, IReadOnlyList<string> Roles, bool IsAdmin)
{
    public static WhoAmI Of(Caller caller) => new(caller.Name, [.. caller.Roles.Order(StringComparer.Ordinal)], caller.IsAdmin);
}
