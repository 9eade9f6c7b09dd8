using System.Diagnostics.CodeAnalysis;
using CodeUpdates.Ingestion.ReleaseFiles;

namespace CodeUpdates.Ingestion.Answers;

/// <summary>Parses the path and query values of the API, with the message a caller needs when one is wrong.</summary>
public static class RequestValues
{
    public static bool TrySystem(string? value, out CodeSystem system, [NotNullWhen(false)] out string? error)
    {
        error = CodeSystems.TryParse(value, out system) ? null : $"system '{value}' is not known; use hcpcs or cpt";
        return error is null;
    }

    /// <summary>Codes are 5 characters (procedures) or 2 (modifiers), letters and digits; answered upper case.</summary>
    public static bool TryCode(string? value, out string code, [NotNullWhen(false)] out string? error)
    {
        code = (value ?? string.Empty).Trim().ToUpperInvariant();
        var ok = code.Length is 2 or 5 && code.All(char.IsAsciiLetterOrDigit);
        error = ok ? null : $"code '{value}' is not a code: expected 5 letters or digits (E0114, 99213, 0042T) or a 2-character modifier";
        return ok;
    }

    /// <summary>A service date yyyy-MM-dd; absent means today (UTC).</summary>
    public static bool TryDate(string? value, DateOnly today, out DateOnly date, [NotNullWhen(false)] out string? error)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            date = today;
            error = null;
            return true;
        }

        var ok = IsoDate.TryParse(value, out date);
        error = ok ? null : $"date '{value}' is not a date: expected yyyy-MM-dd, for example 2025-03-01";
        return ok;
    }
}
