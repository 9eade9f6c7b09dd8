namespace CodeUpdates.Ingestion.ReleaseFiles;

/// <summary>
/// How much a release may carry, checked while it is read so that a file that could never be stored
/// is rejected (with its field, code and line) instead of failing a table write later and leaving
/// the release stuck. Table Storage allows 32K UTF-16 characters a string property and 1 MiB an
/// entity. A code's version row holds its descriptors as one JSON property, its cross references
/// (XREF1-XREF5) joined as another, and a few dates and names: with every field at most
/// <see cref="MaxFieldChars"/> and each of the two joined properties at most <see cref="MaxStoredChars"/>,
/// a row is at most about 61K characters (122 KB), far inside the entity limit. Everything else a
/// code carries (the administrative fields) is kept in the gzipped snapshot blob, under the same
/// field rule. CMS's longest long description is 4,501 characters (G0556, October 2025), its
/// other fields a few dozen; the AMA's texts are shorter.
/// </summary>
public static class TextLimits
{
    /// <summary>The one rule for every field a release stores: descriptors, XREFs, administrative fields.</summary>
    public const int MaxFieldChars = 8_000;

    /// <summary>
    /// The fields a version row stores together in one property (a code's descriptors as JSON, where a
    /// character outside printable ASCII or one HTML escapes is written as a 6-character escape; its
    /// cross references joined by spaces), under Table Storage's 32K characters a property.
    /// </summary>
    public const int MaxStoredChars = 30_000;

    /// <summary>
    /// Lines of a text file, rows of a sheet: CMS's largest release has under 20,000 lines. Counted while
    /// reading, so a file of millions of lines stops here instead of filling memory.
    /// </summary>
    public const int MaxLines = 200_000;

    /// <exception cref="InvalidReleaseException">The field is longer than <see cref="MaxFieldChars"/>.</exception>
    public static void EnsureFits(string source, string field, ReadOnlySpan<char> code, int length, int line)
    {
        if (length > MaxFieldChars)
        {
            throw new InvalidReleaseException(source, $"{field} of code {Excerpt(code)} is {length:N0} characters; a field may hold at most {MaxFieldChars:N0}", line);
        }
    }

    /// <exception cref="InvalidReleaseException">The code's descriptors or cross references together are longer than a version row can store.</exception>
    public static void EnsureStorable(string source, CodeRecord code)
    {
        var descriptors = 0;
        foreach (var text in code.Descriptors.Values)
        {
            foreach (var ch in text)
            {
                descriptors += IsWrittenAsIs(ch) ? 1 : 6;
            }
        }

        if (descriptors > MaxStoredChars)
        {
            throw new InvalidReleaseException(source, $"the descriptors of {code.Code} take {descriptors:N0} characters together as stored, over the {MaxStoredChars:N0} a code's version can hold");
        }

        var references = code.CrossReferences.Sum(x => x.Length) + Math.Max(code.CrossReferences.Count - 1, 0);
        if (references > MaxStoredChars)
        {
            throw new InvalidReleaseException(source, $"the cross references (XREF1-XREF5) of {code.Code} take {references:N0} characters together, over the {MaxStoredChars:N0} a code's version can hold");
        }
    }

    /// <summary>A code as a message quotes it: a broken column can put a whole line where the code should be.</summary>
    public static string Excerpt(ReadOnlySpan<char> text) => text.Length <= 20 ? text.ToString() : $"{text[..20]}...";

    // What System.Text.Json's default encoder writes as one character: printable ASCII but the HTML-sensitive ones and the escapes.
    private static bool IsWrittenAsIs(char ch) => ch is >= ' ' and <= '~' and not ('"' or '\\' or '<' or '>' or '&' or '\'' or '+' or '`');
}
