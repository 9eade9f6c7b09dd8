namespace CodeUpdates.Ingestion.ReleaseFiles.Cpt;

/// <summary>
/// The descriptors one CPT data file gives, by kind and then code. <see cref="Rank"/> orders files
/// that carry the same kind: the lowest rank present is read, higher ranks are set aside
/// (LONGULT.txt over LONGUT.txt, text files over spreadsheets).
/// </summary>
internal sealed class CptFileDescriptors(string source, int rank)
{
    private readonly Dictionary<string, Dictionary<string, LocatedText>> byKind = new(StringComparer.Ordinal);
    private readonly ControlCharacterTally tally = new();

    public string Source { get; } = source;

    public int Rank { get; } = rank;

    /// <summary>Descriptors of this file that lost control characters on reading, or null.</summary>
    public ControlCharacters? ControlCharacters => tally.Result;

    public IEnumerable<string> Kinds => byKind.Where(k => k.Value.Count > 0).Select(k => k.Key);

    public IReadOnlyDictionary<string, LocatedText> Of(string kind) =>
        byKind.TryGetValue(kind, out var codes) ? codes : new Dictionary<string, LocatedText>();

    /// <summary>Adds one descriptor; a code given twice for one kind in one file is an error naming both lines.</summary>
    public void Add(string kind, string code, string text, int line)
    {
        TextLimits.EnsureFits(Source, $"{kind} descriptor", code, text.Length, line);
        if (!byKind.TryGetValue(kind, out var codes))
        {
            byKind[kind] = codes = new Dictionary<string, LocatedText>(StringComparer.Ordinal);
        }

        if (codes.TryGetValue(code, out var first))
        {
            throw new InvalidReleaseException(Source, $"code {code} appears twice, on line {first.Line} and line {line}; each code may appear once in a file", line);
        }

        codes[code] = new LocatedText(tally.Clean(text, code), line);
    }
}
