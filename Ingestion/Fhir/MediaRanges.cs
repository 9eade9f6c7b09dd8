using System.Globalization;

namespace CodeUpdates.Ingestion.Fhir;

/// <summary>
/// An Accept header read as RFC 9110 §12.5.1 asks: each media range with its weight, the most specific range
/// that matches a type deciding that type's weight, and <c>q=0</c> meaning "not acceptable". No header accepts anything.
/// </summary>
public sealed class MediaRanges
{
    private readonly IReadOnlyList<Range> ranges;

    private MediaRanges(IReadOnlyList<Range> ranges) => this.ranges = ranges;

    /// <summary>The ranges of one or more Accept values (several headers join with commas, as HTTP allows).</summary>
    public static MediaRanges Parse(IEnumerable<string?> accept) =>
        new([.. accept.Where(a => !string.IsNullOrWhiteSpace(a)).SelectMany(a => a!.Split(',')).Select(Read).OfType<Range>().Select((r, i) => r with { Position = i })]);

    public static MediaRanges Parse(string? accept) => Parse([accept]);

    /// <summary>Whether the header says nothing, which accepts every type.</summary>
    public bool AcceptsAnything => ranges.Count == 0;

    /// <summary>How much the caller wants <paramref name="mediaType"/> (0 to 1; 0 is refused).</summary>
    public double Quality(string mediaType) => Best([mediaType]).Quality;

    /// <summary>
    /// The weight of a representation that goes by any of <paramref name="mediaTypes"/> (its type and aliases): the
    /// most specific range naming one of them decides, so <c>application/fhir+json;q=0, */*</c> refuses FHIR JSON
    /// even though the wildcard would take its alias. Position is where that range stands in the header, for ties.
    /// </summary>
    public (double Quality, int Specificity, int Position) Best(IReadOnlyCollection<string> mediaTypes)
    {
        if (ranges.Count == 0)
        {
            return (1, 0, 0);
        }

        var best = (Quality: 0d, Specificity: -1, Position: int.MaxValue);
        foreach (var range in ranges)
        {
            var specificity = mediaTypes.Select(range.Specificity).Max();
            if (specificity < 0)
            {
                continue;
            }

            // More specific wins; among ranges as specific, the highest weight (a header may name a type twice).
            if (specificity > best.Specificity || (specificity == best.Specificity && range.Quality > best.Quality))
            {
                best = (range.Quality, specificity, range.Position);
            }
        }

        return best.Specificity < 0 ? (0, 0, int.MaxValue) : best;
    }

    private static Range? Read(string item)
    {
        var parts = item.Split(';', StringSplitOptions.TrimEntries);
        var type = parts[0].Split('/', StringSplitOptions.TrimEntries);
        if (type is not [{ Length: > 0 } main, { Length: > 0 } sub])
        {
            // Not a media range: ignored, as a header that cannot be read is.
            return null;
        }

        var quality = 1d;
        foreach (var parameter in parts.Skip(1))
        {
            if (parameter.Split('=', 2, StringSplitOptions.TrimEntries) is [var name, var value] && name.Equals("q", StringComparison.OrdinalIgnoreCase))
            {
                quality = double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var q) ? Math.Clamp(q, 0, 1) : 1;
            }
        }

        return new Range(main, sub, quality, 0);
    }

    private sealed record Range(string Type, string Subtype, double Quality, int Position)
    {
        /// <summary>3 for the type itself, 2 for <c>type/*</c>, 1 for <c>*/*</c>, -1 when the range does not name it.</summary>
        public int Specificity(string mediaType)
        {
            var slash = mediaType.IndexOf('/', StringComparison.Ordinal);
            var (type, subtype) = (mediaType[..slash], mediaType[(slash + 1)..]);
            if (Type == "*" && Subtype == "*")
            {
                return 1;
            }

            if (!Type.Equals(type, StringComparison.OrdinalIgnoreCase))
            {
                return -1;
            }

            return Subtype == "*" ? 2 : Subtype.Equals(subtype, StringComparison.OrdinalIgnoreCase) ? 3 : -1;
        }
    }
}
