namespace CodeUpdates.Ingestion.ReleaseFiles.Hcpcs;

/// <summary>
/// One line of a CMS HCPCS corrections document, as the document states it.
/// </summary>
/// <param name="Line">The row (spreadsheet) or line (text) number in the document.</param>
/// <param name="Code">The code, upper case, trimmed.</param>
/// <param name="ActionText">The ACTION column as CMS wrote it.</param>
/// <param name="Action">What <paramref name="ActionText"/> asks for.</param>
/// <param name="Effective">EFF DATE, when the line gives a readable one.</param>
/// <param name="ShortDescription">SHORT DESC, or null when blank.</param>
/// <param name="LongDescription">LONG DESC, or null when blank.</param>
/// <param name="Fields">The other columns the line fills (TOS, BETOS, COV, PRICE, XREF CODE, ASC IND, ASC DATE, COMMENTS), keyed by the document's header.</param>
/// <param name="TextCut">The document is a print (.prn) whose columns cut the text: the line's texts may be incomplete.</param>
/// <param name="RevertYear">For <see cref="CorrectionAction.Revert"/>, the year whose text the code goes back to.</param>
public sealed record CorrectionLine(
    int Line,
    string Code,
    string ActionText,
    CorrectionAction Action,
    DateOnly? Effective,
    string? ShortDescription,
    string? LongDescription,
    IReadOnlyDictionary<string, string> Fields,
    bool TextCut = false,
    int? RevertYear = null)
{
    /// <summary>Whether the action names the long descriptor (for <see cref="CorrectionAction.Revise"/>).</summary>
    public bool RevisesLong => ActionText.Contains("long", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the action names the short descriptor (for <see cref="CorrectionAction.Revise"/>).</summary>
    public bool RevisesShort => ActionText.Contains("short", StringComparison.OrdinalIgnoreCase);

    /// <summary>The line as a person reads it in the document: code, action, texts.</summary>
    public string Text => string.Join(" | ", new[] { Code, ActionText, ShortDescription, LongDescription }.Where(t => !string.IsNullOrWhiteSpace(t)));
}
