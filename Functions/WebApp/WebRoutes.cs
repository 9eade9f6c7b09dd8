namespace CodeUpdates.Functions.WebApp;

/// <summary>
/// The web app's addresses, declared once: each page is a deep link that survives a reload (the same shell
/// answers every one of them and the modules draw the page from the address), and the files under /assets.
/// </summary>
public static class WebRoutes
{
    /// <summary>The site root only: an optional segment that must be empty (a plain "" route never reaches a function in Azure).</summary>
    public const string Home = "{root:maxlength(0)?}";
    public const string Search = "search";
    public const string Code = "codes/{system}/{code}";
    public const string Releases = "releases";
    public const string Release = "releases/{system}/{effective}";
    public const string Subscribers = "subscribers";
    public const string Changes = "changes";
    public const string Asset = "assets/{*path}";
}
