namespace CodeUpdates.Ingestion.ReleaseFiles;

/// <summary>
/// What reading dropped: control characters and noncharacters (see <see cref="TextNormalizer.DropControlCharacters"/>)
/// were removed from <paramref name="Fields"/> fields, the first of them in <paramref name="FirstCode"/> (file order).
/// </summary>
public sealed record ControlCharacters(int Fields, string FirstCode)
{
    /// <summary>The sentence a release record and the logs carry.</summary>
    public string Describe() =>
        $"{Fields} {(Fields == 1 ? "field had" : "fields had")} control characters removed (first: {FirstCode})";
}
