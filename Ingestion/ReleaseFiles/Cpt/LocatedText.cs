namespace CodeUpdates.Ingestion.ReleaseFiles.Cpt;

/// <summary>A descriptor text and the line (or spreadsheet row) it stands on.</summary>
internal readonly record struct LocatedText(string Text, int Line);
