using System.Security.Cryptography;
using System.Text.Json;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.ReleaseFiles.Hcpcs;

namespace CodeUpdates.Ingestion.Releases;

/// <summary>
/// Applies a CMS corrections document to the release of its year as it stands (a previous correction included), line by
/// line in document order. A revision sets the descriptors the action names; an addition makes a code record from the
/// line's fields; DELETE takes the code out of the release (CMS lists there codes put in the year's file in error: they were
/// never valid, so they get no termination date); a revert takes the descriptors of the named year's release (the loaded
/// release before this one); a withdrawal takes out a code an earlier document added. Everything else, and every line
/// whose text a .prn print cut, is listed as unapplied with its reason. Pure: the same inputs give the same snapshot and hash.
/// </summary>
public static class CorrectionsApplier
{
    private static readonly JsonSerializerOptions HashJson = new(JsonSerializerDefaults.Web);

    /// <param name="document">The corrections document.</param>
    /// <param name="release">The published release of the document's year it corrects.</param>
    /// <param name="prior">The published release before it (for reverts), or null when none is loaded.</param>
    public static CorrectedRelease Apply(CorrectionsDocument document, ReleaseSnapshot release, ReleaseSnapshot? prior)
    {
        var codes = release.Codes.ToDictionary(c => c.Code, StringComparer.Ordinal);
        var unapplied = new List<UnappliedCorrection>();
        var applied = 0;
        var year = document.Year;
        foreach (var line in document.Lines)
        {
            var reason = ApplyLine(line, codes, prior, year, release.Identity.Effective);
            if (reason is null)
            {
                applied++;
                if (codes.GetValueOrDefault(line.Code) is { } changed)
                {
                    TextLimits.EnsureStorable(document.Source, changed);
                }
            }
            else
            {
                unapplied.Add(new UnappliedCorrection(line.Line, line.Code, line.ActionText, Excerpt(line.Text), reason));
            }
        }

        var corrected = codes.Values.OrderBy(c => c.Code, StringComparer.Ordinal).ToArray();
        var identity = new ReleaseIdentity(release.Identity.System, release.Identity.Effective, document.Source, Sha256(corrected));
        var corrections = new ReleaseCorrections(
            document.Source, document.Sha256, release.Identity.Source, release.Identity.Sha256, applied,
            unapplied.Take(ReleaseCorrections.MaxListed).ToArray(), unapplied.Count);
        return new CorrectedRelease(new ReleaseSnapshot(identity, release.DescriptorKinds, corrected), corrections);
    }

    /// <summary>
    /// The corrected release's hash: of its content (every code record as stored), not of the document, so two documents
    /// giving the same release give the same hash, and a retry over the same release computes the same one.
    /// </summary>
    public static string Sha256(IReadOnlyList<CodeRecord> codes) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(codes, HashJson)));

    // Null when applied, else why not.
    private static string? ApplyLine(CorrectionLine line, Dictionary<string, CodeRecord> codes, ReleaseSnapshot? prior, int year, DateOnly effective)
    {
        var current = codes.GetValueOrDefault(line.Code);
        switch (line.Action)
        {
            case CorrectionAction.Revise:
                if (line.TextCut)
                {
                    return PrintCut;
                }

                if (current is null)
                {
                    return $"{line.Code} is not in the {year} release as it stands, so there is nothing to revise";
                }

                if (!line.RevisesLong && !line.RevisesShort)
                {
                    return "the action names neither the long nor the short descriptor";
                }

                var descriptors = new Dictionary<string, string>(current.Descriptors, StringComparer.Ordinal);
                if (line.RevisesLong)
                {
                    if (line.LongDescription is null)
                    {
                        return "the action revises the long descriptor but the line gives no LONG DESC";
                    }

                    descriptors[DescriptorKind.Long] = line.LongDescription;
                }

                if (line.RevisesShort)
                {
                    if (line.ShortDescription is null)
                    {
                        return "the action revises the short descriptor but the line gives no SHORT DESC";
                    }

                    descriptors[DescriptorKind.Short] = line.ShortDescription;
                }

                codes[line.Code] = current with { Descriptors = descriptors };
                return null;

            case CorrectionAction.Add:
                if (line.TextCut)
                {
                    return PrintCut;
                }

                if (line.LongDescription is null && line.ShortDescription is null)
                {
                    return "the line adds a code but gives neither LONG DESC nor SHORT DESC";
                }

                codes[line.Code] = Added(line, current, effective);
                return null;

            case CorrectionAction.Delete:
            case CorrectionAction.Withdraw:
                // Already absent (an earlier document took it out, or never added it): the release already says what the line asks.
                codes.Remove(line.Code);
                return null;

            case CorrectionAction.Revert:
                var revertYear = line.RevertYear ?? year - 1;
                if (prior is null || prior.Identity.Effective.Year != revertYear)
                {
                    return prior is null
                        ? $"the line reverts to the {revertYear} description, and no {revertYear} release is loaded before the {year} release"
                        : $"the line reverts to the {revertYear} description, but the release loaded before the {year} release is {IsoDate.Format(prior.Identity.Effective)} ({prior.Identity.Source}), not {revertYear}'s";
                }

                if (current is null)
                {
                    return $"{line.Code} is not in the {year} release as it stands, so there is nothing to revert";
                }

                if (prior.Find(line.Code) is not { } before)
                {
                    return $"{line.Code} is not in the {revertYear} release ({prior.Identity.Source}), so it has no {revertYear} description";
                }

                var reverted = new Dictionary<string, string>(current.Descriptors, StringComparer.Ordinal);
                foreach (var kind in (string[])[DescriptorKind.Long, DescriptorKind.Short])
                {
                    if (before.Descriptors.GetValueOrDefault(kind) is { } text)
                    {
                        reverted[kind] = text;
                    }
                }

                codes[line.Code] = current with { Descriptors = reverted };
                return null;

            default:
                return "CMS states this change in words only; it is not applied to the release (CMS's next quarterly file carries it)";
        }
    }

    private const string PrintCut = "the .prn print cuts this line's text to its column widths; drop the .xlsx of the same corrections document to apply it";

    /// <summary>
    /// An added code: the descriptors and fields the line gives; ADD DT and ACT EFF DT the line's EFF DATE (else the
    /// release's date), ACTION CD "A" (CMS's code for an addition), no SEQNUM, no termination. A code the release already
    /// has (added by an earlier document) keeps what the line does not give.
    /// </summary>
    private static CodeRecord Added(CorrectionLine line, CodeRecord? current, DateOnly effective)
    {
        var descriptors = new Dictionary<string, string>(current?.Descriptors ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        if (line.LongDescription is { } longText)
        {
            descriptors[DescriptorKind.Long] = longText;
        }

        if (line.ShortDescription is { } shortText)
        {
            descriptors[DescriptorKind.Short] = shortText;
        }

        var administrative = new Dictionary<string, string>(current?.Administrative ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach (var (column, value) in line.Fields)
        {
            foreach (var (name, field) in AnwebFields(column, value))
            {
                administrative[name] = field;
            }
        }

        var crossReferences = line.Fields.GetValueOrDefault("XREF CODE") is { } xref
            ? xref.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries)
            : current?.CrossReferences ?? [];
        var date = line.Effective ?? effective;
        return new CodeRecord(
            line.Code,
            CodeRecord.KindOf(line.Code),
            descriptors,
            AddDate: current?.AddDate ?? date,
            ActionEffectiveDate: date,
            TerminationDate: null,
            ActionCode: "A",
            SequenceNumber: current?.SequenceNumber,
            CrossReferences: crossReferences,
            Administrative: administrative);
    }

    /// <summary>A corrections document's column as the ANWEB fields it stands for (TOS "9,F" is TOS1 9 and TOS2 F); columns with no ANWEB field give none.</summary>
    private static IEnumerable<(string Name, string Value)> AnwebFields(string column, string value)
    {
        static IEnumerable<(string, string)> Numbered(string name, string value) =>
            value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select((v, i) => ($"{name}{i + 1}", v));

        return column switch
        {
            "TOS" => Numbered("TOS", value),
            "PRICE" => Numbered("PRICE", value),
            "BETOS" => [("BETOS", value)],
            "COV" => [("COV", value)],
            "ASC IND" => [("ASC_GRP", value)],
            "ASC DATE" => [("ASC_DT", value)],
            _ => [],
        };
    }

    private static string Excerpt(string text) =>
        text.Length <= ReleaseCorrections.MaxTextChars ? text : string.Concat(text.AsSpan(0, ReleaseCorrections.MaxTextChars - 3), "...");
}
