using System.Globalization;

namespace CodeUpdates.Ingestion.Answers;

/// <summary>
/// What a downloaded file's name carries when it was asked as known at an instant (<c>knownAt</c>), so a saved file
/// says which state of the system it holds.
/// </summary>
public static class KnownAtFileName
{
    /// <summary><c>-known-at-20180315T120000000Z</c> (UTC, to the millisecond); empty for the present.</summary>
    public static string Part(DateTimeOffset? knownAt) =>
        knownAt is { } at ? $"-known-at-{at.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture)}" : string.Empty;
}
