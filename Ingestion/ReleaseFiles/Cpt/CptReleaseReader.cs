using CodeUpdates.Ingestion.ReleaseFiles.Tabular;

namespace CodeUpdates.Ingestion.ReleaseFiles.Cpt;

/// <summary>
/// Reads AMA CPT data files: the single dropped file, or every member of an AMA zip. All data files
/// of a release are read together and merged per code into one <see cref="CodeRecord"/> carrying
/// each descriptor the files give (see DESIGN.md "Reading releases").
/// </summary>
public static class CptReleaseReader
{
    private const int SniffBytes = 64 * 1024;
    private const int SniffLines = 100;

    // Ranks: among files that carry the same descriptor kind only the lowest rank is read.
    private const int TextRank = 0;
    private const int UpperCaseTextRank = 1;
    private const int SpreadsheetRank = 2;

    private static readonly string[] SkippedExtensions = [".pdf", ".doc", ".docx", ".rtf", ".htm", ".html", ".md", ".xml", ".json", ".zip", ".exe", ".jpg", ".png"];
    private static readonly string[] WorkbookExtensions = [".xlsx", ".xlsm", ".xls"];

    private enum Form
    {
        Skip,
        Tabbed,
        FixedWidth,
        TabbedTable,
        Csv,
        Workbook,
    }

    /// <summary>The AMA's file names (without extension) and what they hold.</summary>
    private static readonly Dictionary<string, (Form Form, string? Kind, int Rank)> KnownFiles = new(StringComparer.OrdinalIgnoreCase)
    {
        ["LONGULT"] = (Form.Tabbed, DescriptorKind.Long, TextRank),
        ["LONGUT"] = (Form.Tabbed, DescriptorKind.Long, UpperCaseTextRank),
        ["MODUL"] = (Form.Tabbed, DescriptorKind.Long, TextRank),
        ["MEDU"] = (Form.FixedWidth, DescriptorKind.Medium, TextRank),
        ["SHORTU"] = (Form.FixedWidth, DescriptorKind.Short, TextRank),
        ["ConsumerDescriptor"] = (Form.TabbedTable, null, TextRank),
        ["ClinicianDescriptor"] = (Form.TabbedTable, null, TextRank),

        // The same long text as LONGULT.txt wrapped over several lines; LONGULT.txt is read instead.
        ["LONGUF"] = (Form.Skip, null, TextRank),
        ["LONGULF"] = (Form.Skip, null, TextRank),
        ["MODUF"] = (Form.Skip, null, TextRank),
    };

    /// <summary>
    /// Whether the member looks like a CPT data file: an AMA file name, text lines of CPT-shaped codes
    /// (tab or fixed-width), or a table whose header names a code and a descriptor column above a CPT code.
    /// Never throws.
    /// </summary>
    public static bool Recognizes(ReleaseMember member)
    {
        try
        {
            if (IsSkipped(member))
            {
                return false;
            }

            var name = Path.GetFileNameWithoutExtension(member.FileName);
            if (KnownFiles.TryGetValue(name, out var known))
            {
                return known.Form != Form.Skip && member.Extension is ".txt" or "";
            }

            if (WorkbookExtensions.Contains(member.Extension))
            {
                return SpreadsheetReader.Read(member.Name, member.Content, CptDescriptorTable.HeaderSearchRows + 5)
                    .Any(sheet => CptDescriptorTable.LooksLikeTable(Numbered(sheet.Rows.Take(CptDescriptorTable.HeaderSearchRows + 5))));
            }

            var lines = TextDecoder.Lines(TextDecoder.Decode(member.Content, SniffBytes)).Take(SniffLines).ToArray();
            if (member.Extension == ".csv")
            {
                return CptDescriptorTable.LooksLikeTable(Numbered(lines.Select(l => CsvReader.ReadRows(l).FirstOrDefault() ?? [])));
            }

            return CptDescriptorTable.LooksLikeTable(Numbered(lines.Select(l => l.Split('\t'))))
                || CptTextFiles.HasTabbedLine(lines)
                || CptTextFiles.HasFixedWidthLine(lines);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return false;
        }
    }

    /// <summary>Reads and merges every CPT data file among <paramref name="members"/>; documents are skipped.</summary>
    /// <exception cref="InvalidReleaseException">A data file is malformed, or there is none.</exception>
    public static ReleaseContent Read(IReadOnlyList<ReleaseMember> members)
    {
        var files = members.Select(ReadMember).OfType<CptFileDescriptors>().ToArray();
        if (files.Length == 0)
        {
            var source = members.Count == 1 ? members[0].Name : $"the release ({string.Join(", ", members.Take(5).Select(m => m.Name))}{(members.Count > 5 ? ", ..." : string.Empty)})";
            throw new InvalidReleaseException(source, "no CPT data file found; expected LONGULT.txt, MEDU.txt, SHORTU.txt, ConsumerDescriptor.txt, ClinicianDescriptor.txt, or a .xlsx/.csv with a code column and descriptor columns");
        }

        var merged = new SortedDictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        var kinds = new List<string>();
        foreach (var kind in DescriptorKind.All)
        {
            var carriers = files.Where(f => f.Kinds.Contains(kind)).ToArray();
            if (carriers.Length == 0)
            {
                continue;
            }

            kinds.Add(kind);
            var rank = carriers.Min(f => f.Rank);
            var from = new Dictionary<string, (string Source, int Line)>(StringComparer.Ordinal);
            foreach (var file in carriers.Where(f => f.Rank == rank))
            {
                foreach (var (code, text) in file.Of(kind))
                {
                    // The same text twice (a copy of a file in another folder of the zip) is harmless;
                    // two different texts leave no way to tell which one the release means.
                    if (from.TryGetValue(code, out var other))
                    {
                        if (TextNormalizer.SameText(merged[code][kind], text.Text))
                        {
                            continue;
                        }

                        throw new InvalidReleaseException(file.Source, $"code {code} has a different {kind} descriptor here than in {other.Source} (line {other.Line}); a release gives each code one {kind} descriptor", text.Line);
                    }

                    from[code] = (file.Source, text.Line);
                    var descriptors = merged.TryGetValue(code, out var d) ? d : merged[code] = new Dictionary<string, string>(StringComparer.Ordinal);
                    descriptors[kind] = text.Text;
                }
            }
        }

        var codes = merged.Select(c => new CodeRecord(c.Key, CodeRecord.KindOf(c.Key), c.Value)).ToArray();
        return new ReleaseContent(CodeSystem.Cpt, kinds, codes)
        {
            ControlCharacters = ControlCharacterTally.Combine(files.Select(f => f.ControlCharacters)),
        };
    }

    private static CptFileDescriptors? ReadMember(ReleaseMember member)
    {
        if (IsSkipped(member))
        {
            return null;
        }

        var source = member.Name;
        var name = Path.GetFileNameWithoutExtension(member.FileName);
        var known = KnownFiles.TryGetValue(name, out var k) ? k : ((Form Form, string? Kind, int Rank)?)null;
        if (known?.Form == Form.Skip)
        {
            return null;
        }

        if (member.Content.Length == 0)
        {
            throw new InvalidReleaseException(source, "the file is empty; expected CPT codes and descriptors");
        }

        if (WorkbookExtensions.Contains(member.Extension))
        {
            return ReadWorkbook(source, member.Content);
        }

        if (member.Extension == ".csv")
        {
            return CptDescriptorTable.Read(source, ReadCsv(source, member.Content), SpreadsheetRank);
        }

        var lines = TextDecoder.ReadLines(source, member.Content).ToArray();
        if (known is { } file)
        {
            return Read(source, lines, file.Form, file.Kind, file.Rank);
        }

        // A text file with another name: a table with a header, LONGULT's tab form, or a fixed-width
        // file whose name says medium or short. Anything else (a licence, a notice) is not data.
        var head = lines.Take(SniffLines).ToArray();
        if (CptDescriptorTable.LooksLikeTable(Numbered(head.Select(l => l.Split('\t')))))
        {
            return Read(source, lines, Form.TabbedTable, null, TextRank);
        }

        if (CptTextFiles.HasTabbedLine(head))
        {
            return Read(source, lines, Form.Tabbed, DescriptorKind.Long, TextRank);
        }

        if (CptTextFiles.HasFixedWidthLine(head))
        {
            var kind = name.Contains("short", StringComparison.OrdinalIgnoreCase) ? DescriptorKind.Short
                : name.Contains("med", StringComparison.OrdinalIgnoreCase) ? DescriptorKind.Medium
                : throw new InvalidReleaseException(source, "the file has code lines in the fixed-width form but its name does not say whether they are medium or short descriptors; name it MEDU.txt or SHORTU.txt");
            return Read(source, lines, Form.FixedWidth, kind, TextRank);
        }

        return null;
    }

    private static CptFileDescriptors Read(string source, string[] lines, Form form, string? kind, int rank) => form switch
    {
        Form.Tabbed => CptTextFiles.ReadTabbed(source, lines, kind!, rank),
        Form.FixedWidth => CptTextFiles.ReadFixedWidth(source, lines, kind!, rank),
        _ => CptDescriptorTable.Read(source, Numbered(lines.Select(l => l.Split('\t'))), rank),
    };

    private static CptFileDescriptors ReadWorkbook(string source, byte[] content)
    {
        var sheets = SpreadsheetReader.Read(source, content);
        var sheet = sheets.FirstOrDefault(s => CptDescriptorTable.LooksLikeTable(Numbered(s.Rows)))
            ?? sheets.FirstOrDefault(s => s.Rows.Any(r => r.Any(c => !string.IsNullOrWhiteSpace(c))));
        if (sheet is null)
        {
            throw new InvalidReleaseException(source, "the workbook has no rows; expected a header row naming a code column and descriptor columns");
        }

        var sheetSource = sheets.Count == 1 ? source : $"{source} (sheet '{sheet.Name}')";
        return CptDescriptorTable.Read(sheetSource, Numbered(sheet.Rows), SpreadsheetRank);
    }

    private static TableRow[] ReadCsv(string source, byte[] content) =>
        CsvReader.ReadFile(source, content).Select(r => new TableRow(r.Line, r.Fields)).ToArray();

    private static TableRow[] Numbered(IEnumerable<string[]> rows) => rows.Select((cells, i) => new TableRow(i + 1, cells)).ToArray();

    private static bool IsSkipped(ReleaseMember member) =>
        SkippedExtensions.Contains(member.Extension)
        || member.FileName.Contains("readme", StringComparison.OrdinalIgnoreCase)
        || member.FileName.StartsWith('.');
}
