using System.Text;

namespace CodeUpdates.Ingestion.Releases.Tabular;

/// <summary>
/// Release text files arrive as UTF-8 (with or without a BOM), UTF-16 with a BOM, or Windows-1252
/// (older CMS and AMA files). Bytes that are not valid UTF-8 are read as Windows-1252, which
/// maps every byte to a character, so decoding never fails.
/// </summary>
public static class TextDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Decode(byte[] bytes) => Decode(bytes, bytes.Length);

    /// <summary>Decodes at most the first <paramref name="maxBytes"/> bytes (for cheap sniffing).</summary>
    public static string Decode(byte[] bytes, int maxBytes)
    {
        var count = Math.Min(bytes.Length, maxBytes);
        if (count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
        {
            return Encoding.UTF8.GetString(bytes, 3, count - 3);
        }

        if (count >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
        {
            return Encoding.Unicode.GetString(bytes, 2, (count - 2) & ~1);
        }

        if (count >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
        {
            return Encoding.BigEndianUnicode.GetString(bytes, 2, (count - 2) & ~1);
        }

        try
        {
            return StrictUtf8.GetString(bytes, 0, count);
        }
        catch (DecoderFallbackException) when (count < bytes.Length)
        {
            // A sniffing cut may split a multi-byte character; retry without the last few bytes.
            return TryUtf8(bytes, Math.Max(0, count - 3), count) ?? CodePages.Cp1252.GetString(bytes, 0, count);
        }
        catch (DecoderFallbackException)
        {
            return CodePages.Cp1252.GetString(bytes, 0, count);
        }
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

    private static string? TryUtf8(byte[] bytes, int from, int to)
    {
        for (var end = to - 1; end >= from; end--)
        {
            try
            {
                return StrictUtf8.GetString(bytes, 0, end);
            }
            catch (DecoderFallbackException)
            {
            }
        }

        return null;
    }
}

/// <summary>Windows code pages (1252 for old text files, and what ExcelDataReader needs for .xls).</summary>
public static class CodePages
{
    static CodePages()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Cp1252 = Encoding.GetEncoding(1252);
    }

    /// <summary>Windows-1252: the HCPCS ANWEB .txt (its disclaimers carry 0xA0 no-break spaces) and old .xls/.csv/.txt files.</summary>
    public static Encoding Cp1252 { get; }

    /// <summary>Registers the code-pages provider (once) so <see cref="Encoding.GetEncoding(int)"/> knows them.</summary>
    internal static void EnsureRegistered() => _ = Cp1252;
}
