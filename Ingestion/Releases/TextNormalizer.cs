using System.Text;

namespace CodeUpdates.Ingestion.Releases;

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

    public static bool SameText(string? a, string? b) => Collapse(a) == Collapse(b);
}
