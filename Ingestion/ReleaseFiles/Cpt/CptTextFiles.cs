namespace CodeUpdates.Ingestion.ReleaseFiles.Cpt;

/// <summary>
/// The AMA's line-per-code text files: <c>LONGULT.txt</c> (code, TAB, long descriptor) and
/// <c>MEDU.txt</c> / <c>SHORTU.txt</c> (code, one space, descriptor padded to a fixed width).
/// Each may open with a block of copyright lines; the data starts at the first line that has the
/// file's shape with a CPT code, and from there on every non-blank line must have that shape.
/// </summary>
internal static class CptTextFiles
{
    private delegate bool Splitter(string line, out string code, out string text);

    public static CptFileDescriptors ReadTabbed(string source, IReadOnlyList<string> lines, string kind, int rank) =>
        Read(source, lines, kind, rank, SplitTabbed, "a CPT code, a TAB, then the descriptor (for example \"99213<TAB>descriptor text\")");

    public static CptFileDescriptors ReadFixedWidth(string source, IReadOnlyList<string> lines, string kind, int rank) =>
        Read(source, lines, kind, rank, SplitFixedWidth, "the 5-character CPT code, one space, then the descriptor (for example \"99213 DESCRIPTOR TEXT\")");

    /// <summary>Whether any of the lines is a data line of the tab form.</summary>
    public static bool HasTabbedLine(IEnumerable<string> lines) => lines.Any(l => IsDataLine(l, SplitTabbed));

    /// <summary>Whether any of the lines is a data line of the fixed-width form.</summary>
    public static bool HasFixedWidthLine(IEnumerable<string> lines) => lines.Any(l => IsDataLine(l, SplitFixedWidth));

    private static CptFileDescriptors Read(string source, IReadOnlyList<string> lines, string kind, int rank, Splitter split, string expected)
    {
        var file = new CptFileDescriptors(source, rank);
        var started = false;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var number = i + 1;
            if (!started)
            {
                // Copyright and title lines before the first code line.
                started = IsDataLine(line, split);
                if (!started)
                {
                    continue;
                }
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (!split(line, out var raw, out var text))
            {
                throw new InvalidReleaseException(source, $"expected {expected}, found \"{Excerpt(line)}\"", number);
            }

            if (!CptCode.TryNormalize(raw, out var code))
            {
                throw new InvalidReleaseException(source, $"\"{TextLimits.Excerpt(raw.Trim())}\" is not a CPT code; {CptCode.Expected}", number);
            }

            var descriptor = text.Trim();
            if (descriptor.Length == 0)
            {
                throw new InvalidReleaseException(source, $"code {code} has an empty descriptor", number);
            }

            file.Add(kind, code, descriptor, number);
        }

        if (!started)
        {
            throw new InvalidReleaseException(source, $"no code lines found; expected lines of {expected}");
        }

        return file;
    }

    private static bool IsDataLine(string line, Splitter split) => split(line, out var code, out _) && CptCode.TryNormalize(code, out _);

    private static bool SplitTabbed(string line, out string code, out string text)
    {
        var tab = line.IndexOf('\t', StringComparison.Ordinal);
        code = tab < 0 ? string.Empty : line[..tab];
        text = tab < 0 ? string.Empty : line[(tab + 1)..];
        return tab >= 0;
    }

    private static bool SplitFixedWidth(string line, out string code, out string text)
    {
        var trimmed = line.TrimEnd();
        var ok = trimmed.Length == 5 || (trimmed.Length > 5 && trimmed[5] == ' ');
        code = ok ? trimmed[..5] : string.Empty;
        text = ok && trimmed.Length > 6 ? trimmed[6..] : string.Empty;
        return ok;
    }

    private static string Excerpt(string line) => line.Length <= 60 ? line : line[..60] + "...";
}
