namespace CodeUpdates.Ingestion.Releases;

/// <summary>
/// What a corrections document did to the release it corrected: kept in the corrected release's record, so a line
/// that could not be applied is never dropped silently.
/// </summary>
/// <param name="Document">The corrections document's blob name (also the corrected release's source).</param>
/// <param name="DocumentSha256">SHA-256 of the document's bytes: the same document dropped again changes nothing.</param>
/// <param name="Corrects">The source of the release it was applied to (the file it replaced).</param>
/// <param name="CorrectsSha256">That release's hash: its snapshot and changes stay readable under it.</param>
/// <param name="Applied">How many lines were applied (a line whose outcome the release already had counts as applied).</param>
/// <param name="Unapplied">The lines that were not, in document order (at most <see cref="MaxListed"/>).</param>
/// <param name="UnappliedCount">How many lines were not applied, also past <see cref="MaxListed"/>.</param>
public sealed record ReleaseCorrections(
    string Document,
    string DocumentSha256,
    string Corrects,
    string CorrectsSha256,
    int Applied,
    IReadOnlyList<UnappliedCorrection> Unapplied,
    int UnappliedCount)
{
    /// <summary>Unapplied lines listed in the record: with <see cref="MaxTextChars"/> each the record stays inside one table property.</summary>
    public const int MaxListed = 50;

    /// <summary>Characters of a line's text kept in the record.</summary>
    public const int MaxTextChars = 300;
}
