using System.Text;

namespace CodeUpdates.Ingestion.ReleaseFiles.Tabular;

/// <summary>
/// Release text files arrive as UTF-8 (with or without a BOM), UTF-16 with a BOM, or Windows-1252
/// (older CMS and AMA files). Bytes that are not valid UTF-8 are read as Windows-1252, which
/// maps every byte to a character, so decoding never fails.
/// </summary>
public static class TextDecoder
{
    // Lenient: after a UTF-8 byte-order mark a stray invalid byte reads as U+FFFD rather than failing the file.
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public static string Decode(byte[] bytes) => Decode(bytes, bytes.Length);

    /// <summary>Decodes at most the first <paramref name="maxBytes"/> bytes (for cheap sniffing).</summary>
    public static string Decode(byte[] bytes, int maxBytes)
    {
        var count = Math.Min(bytes.Length, maxBytes);
        var encoding = Detect(bytes, count, out var mark);
        if (encoding is UnicodeEncoding)
        {
            return encoding.GetString(bytes, mark, (count - mark) & ~1);
        }

        if (encoding == Utf8 && count < bytes.Length)
        {
            // A sniffing cut may split a multi-byte character: decode up to the last whole one.
            for (var cut = 0; cut < 3 && count > mark && !System.Text.Unicode.Utf8.IsValid(bytes.AsSpan(mark, count - mark)); cut++)
            {
                count--;
            }
        }

        return encoding.GetString(bytes, mark, count - mark);
    }

    /// <summary>
    /// The lines of a release text file, read one at a time from its bytes (never held as one string),
    /// decoded as <see cref="Detect"/> says, so every text reader skips a byte-order mark the same way.
    /// Past <see cref="TextLimits.MaxLines"/> lines the file is rejected while reading.
    /// </summary>
    /// <exception cref="InvalidReleaseException">The file has more lines than any release.</exception>
    public static IEnumerable<string> ReadLines(string source, byte[] bytes)
    {
        using var reader = Open(bytes);
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            CountLine(source, ++number);
            yield return line;
        }
    }

    /// <summary>A reader over the file's text, after any byte-order mark, in the encoding <see cref="Detect"/> finds.</summary>
    public static TextReader Open(byte[] bytes)
    {
        var encoding = Detect(bytes, bytes.Length, out var mark);
        return new StreamReader(new MemoryStream(bytes, mark, bytes.Length - mark, writable: false), encoding, detectEncodingFromByteOrderMarks: false);
    }

    /// <summary>Rejects the file once line <paramref name="number"/> passes <see cref="TextLimits.MaxLines"/>: counted while reading, so reading stops there.</summary>
    /// <exception cref="InvalidReleaseException">The line is past the cap.</exception>
    public static void CountLine(string source, int number)
    {
        if (number > TextLimits.MaxLines)
        {
            throw new InvalidReleaseException(source, $"the file has more than {TextLimits.MaxLines:N0} lines, far more than any release (CMS's largest has under 20,000); check that this is the release file", number);
        }
    }

    /// <summary>
    /// The encoding of a release text, the one rule for every reader: a byte-order mark (UTF-8,
    /// UTF-16) says it and is skipped (<paramref name="mark"/> bytes); otherwise valid UTF-8
    /// (which plain ASCII is) is UTF-8, and anything else Windows-1252.
    /// </summary>
    public static Encoding Detect(byte[] bytes, int count, out int mark)
    {
        if (count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
        {
            mark = 3;
            return Utf8;
        }

        mark = 2;
        if (count >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
        {
            return Encoding.Unicode;
        }

        if (count >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
        {
            return Encoding.BigEndianUnicode;
        }

        mark = 0;

        // A sniffing cut may end inside a character: that alone does not make the text Windows-1252.
        var valid = System.Text.Unicode.Utf8.IsValid(bytes.AsSpan(0, count))
            || (count < bytes.Length && System.Text.Unicode.Utf8.IsValid(bytes.AsSpan(0, Math.Max(0, count - 3))));
        return valid ? Utf8 : CodePages.Cp1252;
    }

    /// <summary>
    /// "UTF-16" (or "UTF-32") when the bytes are in a wide encoding, by byte-order mark or, without
    /// one, by the zero bytes every ASCII character then carries; null otherwise. Readers of
    /// fixed-width and byte-oriented files use it to say why such a file reads as nothing.
    /// </summary>
    public static string? WideEncoding(byte[] bytes)
    {
        if (bytes.Length >= 4 && ((bytes[0] == 0xFF && bytes[1] == 0xFE && bytes[2] == 0 && bytes[3] == 0) || (bytes[0] == 0 && bytes[1] == 0 && bytes[2] == 0xFE && bytes[3] == 0xFF)))
        {
            return "UTF-32";
        }

        if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
        {
            return "UTF-16";
        }

        // No mark: ASCII text in UTF-16 has a zero in every other byte; cp1252 and UTF-8 text has none.
        var sample = Math.Min(bytes.Length, 512) & ~1;
        if (sample < 8)
        {
            return null;
        }

        var zeros = 0;
        for (var i = 0; i < sample; i++)
        {
            zeros += bytes[i] == 0 ? 1 : 0;
        }

        return zeros * 3 >= sample ? "UTF-16" : null;
    }

    /// <summary>
    /// Splits on CRLF, LF or CR; the index of a line plus one is its line number. One pass over the text,
    /// with no normalised copy of it: a release's text member is tens of megabytes.
    /// </summary>
    public static string[] Lines(string text)
    {
        if (text.Length == 0)
        {
            return [string.Empty];
        }

        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is not ('\r' or '\n'))
            {
                continue;
            }

            lines.Add(text[start..i]);
            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i++;
            }

            start = i + 1;
        }

        if (start < text.Length)
        {
            lines.Add(text[start..]);
        }

        return [.. lines];
    }
}
