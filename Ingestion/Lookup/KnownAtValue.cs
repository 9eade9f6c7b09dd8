using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CodeUpdates.Ingestion.Lookup;

/// <summary>The <c>knownAt</c> request value: an ISO 8601 instant that says its offset, so it names one instant everywhere.</summary>
public static partial class KnownAtValue
{
    public const string Expected = "an ISO 8601 date and time with a UTC offset or Z, for example 2018-03-01T12:00:00Z or 2018-03-01T07:00:00-05:00";

    /// <summary>Absent (null or blank) is no instant: the present answers.</summary>
    public static bool TryParse(string? value, out DateTimeOffset? instant, [NotNullWhen(false)] out string? error)
    {
        instant = null;
        error = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        if (value.Length <= 40 && Shape().IsMatch(value)
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var parsed))
        {
            instant = parsed.ToUniversalTime();
            return true;
        }

        var shown = value.Length > 40 ? value[..40] + "…" : value;
        error = $"knownAt '{shown}' is not an instant: expected {Expected}";
        return false;
    }

    [GeneratedRegex(@"^\s*\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
