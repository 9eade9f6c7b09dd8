using CodeUpdates.Ingestion.ReleaseFiles.Tabular;

namespace CodeUpdates.Ingestion.ReleaseFiles.Hcpcs;

/// <summary>
/// Reads the CMS fixed-width ANWEB text file: 320-byte records (cp1252, CRLF or LF; CMS trims
/// some lines short), with disclaimer lines above (and in some years below) the records.
/// </summary>
internal static class HcpcsFixedWidthReader
{
    public static ReleaseContent Read(string source, byte[] content)
    {
        if (TextDecoder.WideEncoding(content) is { } wide)
        {
            throw new InvalidReleaseException(source, $"the file is {wide}; CMS files are Windows-1252/ASCII: download it again, or save it as ANSI (Windows-1252) text");
        }

        // Line by line from the bytes: a year's file is never held as one string. The layout's
        // columns are characters, so a file saved as UTF-8 is decoded as UTF-8 (see TextDecoder.Detect).
        var builder = new HcpcsRecordBuilder(source);
        var lineNumber = 0;
        var seenRecord = false;
        foreach (var text in TextDecoder.ReadLines(source, content))
        {
            lineNumber++;
            var line = text.AsSpan();
            if (IsRecordLine(line))
            {
                seenRecord = true;
                builder.Add(new FixedWidthRow(line), lineNumber);
            }
            else if (LooksLikeRecordWithOtherRecId(line))
            {
                // A code and sequence number in place, but no record id the layout knows: let the builder say so.
                builder.Add(new FixedWidthRow(line), lineNumber);
            }
            else if (seenRecord && !line.IsWhiteSpace() && !IsDisclaimer(line))
            {
                throw new InvalidReleaseException(
                    source,
                    $"the line is not an HCPCS record: expected the code in columns 1-5, the sequence number in 6-10 and the record id 3, 4, 7 or 8 in column 11 (line starts '{Preview(line)}')",
                    lineNumber);
            }
        }

        return builder.Finish();
    }

    /// <summary>Whether the opening lines of a text file hold ANWEB records. Never throws.</summary>
    public static bool LooksLikeAnweb(byte[] content)
    {
        var text = TextDecoder.Decode(content, 16 * 1024);
        var records = 0;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            if (IsRecordLine(line) && ++records >= 3)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A record line: a plausible code in 1-5, digits in 6-10 and record id 3, 4, 7 or 8 in column 11.</summary>
    internal static bool IsRecordLine(ReadOnlySpan<char> line) =>
        line.Length >= 11 && line[10] is '3' or '4' or '7' or '8' && HasCodeAndSequence(line);

    private static bool LooksLikeRecordWithOtherRecId(ReadOnlySpan<char> line) =>
        line.Length >= 11 && HasCodeAndSequence(line);

    private static bool HasCodeAndSequence(ReadOnlySpan<char> line)
    {
        var code = line[..5].Trim();
        if (code.Length is not (2 or 5))
        {
            return false;
        }

        foreach (var ch in code)
        {
            if (!char.IsAsciiLetterOrDigit(ch))
            {
                return false;
            }
        }

        return !line.Slice(5, 5).ContainsAnyExceptInRange('0', '9');
    }

    // CMS's disclaimer text starts with '*' or '--' (2018: "***Disclaimers", "-- Discontinued ...").
    private static bool IsDisclaimer(ReadOnlySpan<char> line)
    {
        var trimmed = line.TrimStart();
        return trimmed.StartsWith('*') || trimmed.StartsWith("--");
    }

    private static string Preview(ReadOnlySpan<char> line) => line[..Math.Min(line.Length, 20)].ToString();

    private readonly ref struct FixedWidthRow(ReadOnlySpan<char> line) : IHcpcsRow
    {
        private readonly ReadOnlySpan<char> line = line;

        public ReadOnlySpan<char> Field(int field)
        {
            var start = HcpcsFields.Start[field];
            if (start >= line.Length)
            {
                return [];
            }

            return line.Slice(start, Math.Min(HcpcsFields.Width[field], line.Length - start));
        }
    }
}
