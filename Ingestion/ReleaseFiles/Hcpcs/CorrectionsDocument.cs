namespace CodeUpdates.Ingestion.ReleaseFiles.Hcpcs;

/// <summary>A CMS HCPCS corrections document: the lines it lists for the year's release.</summary>
/// <param name="Source">The blob name (or path) it was read from.</param>
/// <param name="Year">The year of the release it corrects (from its title row, else its name).</param>
/// <param name="Sha256">SHA-256 of the document's bytes.</param>
/// <param name="Lines">Its lines in document order.</param>
public sealed record CorrectionsDocument(string Source, int Year, string Sha256, IReadOnlyList<CorrectionLine> Lines)
{
    /// <summary>The effective date of the release a corrections document applies to: CMS corrects the year's annual (January) file.</summary>
    public DateOnly Effective => new(Year, 1, 1);
}
