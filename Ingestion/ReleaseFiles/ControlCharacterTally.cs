namespace CodeUpdates.Ingestion.ReleaseFiles;

/// <summary>
/// Counts, while a release is read, the fields <see cref="TextNormalizer.DropControlCharacters(ReadOnlySpan{char}, out bool)"/>
/// changed, and remembers the first code affected, for <see cref="ControlCharacters"/>.
/// </summary>
internal sealed class ControlCharacterTally
{
    private int fields;
    private string? firstCode;

    /// <summary>What was dropped, or null when nothing was.</summary>
    public ControlCharacters? Result => firstCode is null ? null : new ControlCharacters(fields, firstCode);

    /// <summary>The field's text as stored (see <see cref="TextNormalizer.DropControlCharacters(ReadOnlySpan{char}, out bool)"/>), counted when it lost characters.</summary>
    public string Clean(ReadOnlySpan<char> text, string code)
    {
        var clean = TextNormalizer.DropControlCharacters(text, out var dropped);
        if (dropped)
        {
            Count(code);
        }

        return clean;
    }

    public void Count(string code)
    {
        fields++;
        firstCode ??= code;
    }

    /// <summary>Several files' tallies, in reading order, as one.</summary>
    public static ControlCharacters? Combine(IEnumerable<ControlCharacters?> parts)
    {
        var tally = new ControlCharacterTally();
        foreach (var part in parts.OfType<ControlCharacters>())
        {
            tally.fields += part.Fields;
            tally.firstCode ??= part.FirstCode;
        }

        return tally.Result;
    }
}
