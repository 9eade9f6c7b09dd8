namespace CodeUpdates.Ingestion.Releases;

/// <summary>
/// How long a text a release may carry. A version row keeps every descriptor of a code and Table
/// Storage allows 32K characters a property and 1 MB an entity, so an over-long text is rejected
/// when the file is read, with its code and line, instead of failing every table write later and
/// leaving the release (and the system's lock) stuck. CMS's longest long description is 4,501
/// characters (G0556, October 2025), the AMA's far shorter.
/// </summary>
public static class TextLimits
{
    public const int MaxDescriptorChars = 8_000;

    /// <summary>
    /// A code's descriptors together, as stored (one JSON property of a version row, where a
    /// character outside ASCII is written as a 6-character escape): under Table Storage's 32K.
    /// </summary>
    public const int MaxCodeTextChars = 30_000;

    /// <summary>Any other field (HCPCS administrative columns, codes): CMS's are at most a few dozen characters.</summary>
    public const int MaxFieldChars = 1_000;

    /// <exception cref="InvalidReleaseException">The text is longer than <paramref name="limit"/>.</exception>
    public static void EnsureFits(string source, string code, string what, int length, int line, int limit = MaxDescriptorChars)
    {
        if (length > limit)
        {
            throw new InvalidReleaseException(source, $"the {what} of code {code} is {length:N0} characters long, over the {limit:N0} a release can carry; check the file for a missing line break or a broken column", line);
        }
    }

    /// <exception cref="InvalidReleaseException">The code's descriptors together are longer than a version row can store.</exception>
    public static void EnsureStorable(string source, CodeRecord code)
    {
        var stored = 0;
        foreach (var text in code.Descriptors.Values)
        {
            foreach (var ch in text)
            {
                stored += ch is >= ' ' and <= '~' ? 1 : 6;
            }
        }

        if (stored > MaxCodeTextChars)
        {
            throw new InvalidReleaseException(source, $"the descriptors of code {code.Code} take {stored:N0} characters together, over the {MaxCodeTextChars:N0} a release can carry");
        }
    }
}
