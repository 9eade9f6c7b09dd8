using System.Text;

namespace CodeUpdates.Ingestion.ReleaseFiles;

/// <summary>
/// CMS changes spacing between years without changing words, so descriptor text is compared
/// after collapsing every run of white space (including no-break spaces) to one space.
/// </summary>
public static class TextNormalizer
{
    public static string Collapse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var ch in text)
        {
            if (char.IsWhiteSpace(ch) || ch == '\u00A0')
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(ch);
        }

        return builder.ToString();
    }

    /// <summary>
    /// The text without the characters no output can carry (XML 1.0, FHIR, an .xlsx cell): C0 controls
    /// other than tab, CR and LF (those are white space, kept as they are), DEL, C1 controls, the
    /// noncharacters (U+FDD0-U+FDEF and U+xFFFE/U+xFFFF in every plane) and lone surrogates. Every
    /// reader passes each stored field through here; <paramref name="dropped"/> says whether any went.
    /// </summary>
    public static string DropControlCharacters(ReadOnlySpan<char> text, out bool dropped)
    {
        var first = FirstDropped(text);
        dropped = first >= 0;
        if (!dropped)
        {
            return text.ToString();
        }

        var builder = new StringBuilder(text.Length);
        builder.Append(text[..first]);
        for (var i = first; i < text.Length; i++)
        {
            var ch = text[i];
            if (char.IsHighSurrogate(ch) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                if (!IsNoncharacter(char.ConvertToUtf32(ch, text[i + 1])))
                {
                    builder.Append(ch).Append(text[i + 1]);
                }

                i++;
                continue;
            }

            if (!IsDropped(ch))
            {
                builder.Append(ch);
            }
        }

        return builder.ToString();
    }

    /// <inheritdoc cref="DropControlCharacters(ReadOnlySpan{char}, out bool)"/>
    public static string DropControlCharacters(string text, out bool dropped) =>
        DropControlCharacters(text.AsSpan(), out dropped);

    private static int FirstDropped(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (ch is >= ' ' and < '\u007F')
            {
                continue; // the common case, kept cheap
            }

            if (char.IsHighSurrogate(ch) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                if (IsNoncharacter(char.ConvertToUtf32(ch, text[i + 1])))
                {
                    return i;
                }

                i++;
                continue;
            }

            if (IsDropped(ch))
            {
                return i;
            }
        }

        return -1;
    }

    // A single UTF-16 unit (surrogate pairs are handled by the callers): a lone surrogate is dropped too.
    private static bool IsDropped(char ch) =>
        ch is (< ' ' and not ('\t' or '\r' or '\n')) or (>= '\u007F' and <= '\u009F')
        || char.IsSurrogate(ch)
        || IsNoncharacter(ch);

    private static bool IsNoncharacter(int codePoint) =>
        codePoint is >= 0xFDD0 and <= 0xFDEF || (codePoint & 0xFFFE) == 0xFFFE;

    public static bool SameText(string? a, string? b) => Collapse(a) == Collapse(b);
}
