using System.Text.RegularExpressions;

namespace CodeUpdates.Tests.Support;

/// <summary>A request path that a function's route template matches, for tests that call every route.</summary>
public static partial class RouteSample
{
    /// <summary>
    /// The route with each {parameter} (with constraints, optional or catch-all) filled in, except one that
    /// must be empty (the site root's), which is left out; with the leading slash.
    /// </summary>
    public static string PathOf(string route) =>
        "/" + RouteParameter().Replace(route, m => m.Value.Contains("maxlength(0)", StringComparison.Ordinal) ? string.Empty : "x1");

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}
