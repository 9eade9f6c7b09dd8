using System.Globalization;
using CodeUpdates.Ingestion.Diff;
using CodeUpdates.Ingestion.ReleaseFiles;

namespace CodeUpdates.Ingestion.Reports;

/// <summary>
/// What a report says first about a release that replaced a published file for its date: that it is a correction, of
/// which file, what it changed against that file, and the corrections document's lines that were not applied.
/// </summary>
public static class CorrectionSentences
{
    /// <summary>Codes named per change kind, and unapplied lines listed, before "and N more": the full lists are on the release's page.</summary>
    public const int MaxListed = 20;

    public static IReadOnlyList<string> Of(ReleaseCorrection correction)
    {
        var replaced = correction.Replaced;
        var published = replaced.PublishedAt is { } at ? $" published {at.UtcDateTime:yyyy-MM-dd}" : string.Empty;
        var sentences = new List<string>();
        if (correction.Diff is not { } diff)
        {
            sentences.Add($"Correction of {replaced.Source}{published}: it replaces that file for this date; what it changed against that file is not known, as that file's snapshot was not kept.");
        }
        else if (diff.Summary.Total == 0)
        {
            sentences.Add($"Correction of {replaced.Source}{published}: it replaces that file for this date and changes no code against it.");
        }
        else
        {
            sentences.Add($"Correction of {replaced.Source}{published}: against that file it changed {ChangeReportSubject.Counts(diff.Summary)}.");
            foreach (var type in ChangeReport.Order)
            {
                var codes = diff.ChangesOf(type).Select(c => c.Code).ToArray();
                if (codes.Length > 0)
                {
                    sentences.Add($"{Capitalized(ChangeEntry.ChangeName(type))} by the correction: {Listed(codes, MaxListed)}.");
                }
            }
        }

        if (correction.Corrections is { } document)
        {
            sentences.Add(document.UnappliedCount == 0
                ? $"{document.Document}: all {Lines(document.Applied)} applied."
                : $"{document.Document}: {Lines(document.Applied)} applied, {Lines(document.UnappliedCount)} not applied:");
            sentences.AddRange(document.Unapplied.Take(MaxListed).Select(u => $"Line {u.Line}, {u.Code} ({u.Action}): {u.Reason}. The line reads: {u.Text}"));
            if (document.UnappliedCount > Math.Min(MaxListed, document.Unapplied.Count))
            {
                sentences.Add($"And {document.UnappliedCount - Math.Min(MaxListed, document.Unapplied.Count)} more lines not applied.");
            }
        }

        sentences.Add("The changes below are against the release before this date, as for any release.");
        return sentences;
    }

    private static string Lines(int count) => count == 1 ? "1 line" : $"{count.ToString("N0", CultureInfo.InvariantCulture)} lines";

    private static string Listed(IReadOnlyList<string> codes, int max) =>
        codes.Count <= max ? string.Join(", ", codes) : $"{string.Join(", ", codes.Take(max))} and {codes.Count - max} more";

    private static string Capitalized(string name) => char.ToUpperInvariant(name[0]) + name[1..];
}
