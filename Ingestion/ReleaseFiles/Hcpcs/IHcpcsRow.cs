namespace CodeUpdates.Ingestion.ReleaseFiles.Hcpcs;

/// <summary>One ANWEB record (a text line or a spreadsheet/CSV row) seen field by field.</summary>
internal interface IHcpcsRow
{
    /// <summary>The raw text of a field as the file holds it (not trimmed); empty when the row lacks it.</summary>
    ReadOnlySpan<char> Field(int field);
}
