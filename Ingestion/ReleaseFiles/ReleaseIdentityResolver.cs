using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace CodeUpdates.Ingestion.ReleaseFiles;

/// <summary>
/// Works out a release's system and effective date from where and how it was dropped,
/// in the order DESIGN.md "Release identity" gives.
/// </summary>
public static partial class ReleaseIdentityResolver
{
    /// <summary>The system named by the first path segment (<c>hcpcs/...</c>, <c>cpt/...</c>, or <c>releases/hcpcs/...</c>), or by metadata.</summary>
    public static CodeSystem? SystemFromPath(string name, IReadOnlyDictionary<string, string>? metadata)
    {
        if (metadata is not null && TryGet(metadata, "system", out var fromMetadata) && CodeSystems.TryParse(fromMetadata, out var s))
        {
            return s;
        }

        foreach (var segment in Segments(name).SkipLast(1))
        {
            if (CodeSystems.TryParse(segment, out var system))
            {
                return system;
            }
        }

        return null;
    }

    /// <summary>
    /// The effective date: blob metadata <c>effective</c>; a path segment yyyy-MM-dd; a CMS file name
    /// (HCPC2025_OCT_ANWEB, HCPC17_CONTR_ANWEB, also for zip members); a 4-digit year segment or name.
    /// </summary>
    /// <exception cref="InvalidReleaseException">Metadata carries a date that is not yyyy-MM-dd.</exception>
    public static DateOnly? Effective(string name, IReadOnlyDictionary<string, string>? metadata, IEnumerable<string>? memberNames = null)
    {
        if (metadata is not null && TryGet(metadata, "effective", out var value))
        {
            if (IsoDate.TryParse(value, out var d))
            {
                return d;
            }

            throw new InvalidReleaseException(name, $"blob metadata 'effective' is '{value}'; expected a date as yyyy-MM-dd, for example 2025-01-01");
        }

        var segments = Segments(name).ToArray();
        foreach (var segment in segments)
        {
            if (IsoDate.TryParse(segment, out var d))
            {
                return d;
            }
        }

        var candidates = segments.Concat(memberNames?.SelectMany(Segments) ?? []).ToArray();
        foreach (var candidate in candidates)
        {
            if (FromCmsName(candidate) is { } cms)
            {
                return cms;
            }
        }

        foreach (var candidate in candidates)
        {
            var match = YearPattern().Match(candidate);
            if (match.Success)
            {
                return new DateOnly(int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture), 1, 1);
            }
        }

        return null;
    }

    /// <summary><c>HCPC2025_OCT_ANWEB</c> → 2025-10-01; <c>HCPC17_CONTR_ANWEB</c> → 2017-01-01; <c>2019-Alpha-Numeric-HCPCS-File</c> → 2019-01-01.</summary>
    public static DateOnly? FromCmsName(string fileName)
    {
        var match = CmsNamePattern().Match(fileName);
        if (!match.Success)
        {
            return null;
        }

        var yearText = match.Groups["year"].Value;
        var year = int.Parse(yearText, CultureInfo.InvariantCulture);
        if (yearText.Length == 2)
        {
            year += 2000;
        }

        var month = match.Groups["quarter"].Value.ToUpperInvariant() switch
        {
            "APR" => 4,
            "JUL" => 7,
            "OCT" => 10,
            _ => 1,
        };
        return new DateOnly(year, month, 1);
    }

    public static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>The same hash as <see cref="Sha256(byte[])"/>, read from a stream (a blob) without holding it.</summary>
    public static async Task<string> Sha256Async(Stream content, CancellationToken cancellationToken) =>
        Convert.ToHexStringLower(await SHA256.HashDataAsync(content, cancellationToken));

    private static IEnumerable<string> Segments(string name) =>
        name.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);

    private static bool TryGet(IReadOnlyDictionary<string, string> metadata, string key, out string value)
    {
        foreach (var (k, v) in metadata)
        {
            if (string.Equals(k, key, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(v))
            {
                value = v;
                return true;
            }
        }

        value = string.Empty;
        return false;
    }

    [GeneratedRegex(@"HCPCS?_?(?<year>\d{4}|\d{2})(?:_(?<quarter>JAN|APR|JUL|OCT))?_", RegexOptions.IgnoreCase)]
    private static partial Regex CmsNamePattern();

    // A year on its own, or a name that starts or ends with one: "2025", "cpt2025", "2025-CPT-data-files", "CPT 2026.zip".
    [GeneratedRegex(@"(?<![0-9])(?<year>(19|20)\d{2})(?![0-9])")]
    private static partial Regex YearPattern();
}
