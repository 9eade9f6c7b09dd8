using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace CodeUpdates.Ingestion.ReleaseFiles;

/// <summary>
/// The one date form the product speaks outside the CMS files: yyyy-MM-dd, in blob metadata and
/// paths, URLs, table columns, reports and JSON.
/// </summary>
public static class IsoDate
{
    public const string Pattern = "yyyy-MM-dd";

    public static bool TryParse([NotNullWhen(true)] string? value, out DateOnly date) =>
        DateOnly.TryParseExact(value?.Trim(), Pattern, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static bool TryParse(ReadOnlySpan<char> value, out DateOnly date) =>
        DateOnly.TryParseExact(value.Trim(), Pattern, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>The date, or null when the value is absent or not yyyy-MM-dd.</summary>
    public static DateOnly? ParseOrNull(string? value) => TryParse(value, out var date) ? date : null;

    public static string Format(DateOnly date) => date.ToString(Pattern, CultureInfo.InvariantCulture);

    public static string? Format(DateOnly? date) => date is { } d ? Format(d) : null;
}
