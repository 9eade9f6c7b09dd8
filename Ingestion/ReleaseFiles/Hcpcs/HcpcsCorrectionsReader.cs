using System.Globalization;
using System.Text.RegularExpressions;
using CodeUpdates.Ingestion.ReleaseFiles.Tabular;

namespace CodeUpdates.Ingestion.ReleaseFiles.Hcpcs;

/// <summary>
/// Reads the corrections documents CMS publishes weeks after a year's HCPCS file (2018's
/// <c>V1_HCPC2018_Corrections_ANWEB</c> to <c>V4</c>, 2019's <c>HCPC2019_Corrections_ALPHA</c>): a title row naming
/// the year, a header row starting CODE, ACTION, EFF DATE, SHORT DESC, LONG DESC, then one line per correction.
/// The workbook (.xlsx, .xls) and the tab-separated text (.txt, .csv) carry the whole texts; the .prn is Excel's
/// space-padded print of the same sheet, whose columns cut the texts, so its lines are marked <see cref="CorrectionLine.TextCut"/>.
/// Bounded like every release reader: the file size rule, <see cref="TextLimits.MaxLines"/>, the workbook's part budget,
/// <see cref="TextLimits.MaxFieldChars"/> a field, <see cref="TextDecoder"/> for text.
/// </summary>
public static partial class HcpcsCorrectionsReader
{
    /// <summary>CMS's documents list a few dozen lines; more is not a corrections document.</summary>
    public const int MaxCorrectionLines = 5_000;

    /// <summary>The field a .prn line's text after its date is kept under, as printed (cut, short and long run together).</summary>
    public const string PrintedField = "PRINTED";

    private static readonly string[] Extensions = [".xlsx", ".xls", ".prn", ".txt", ".csv"];

    // From a zip, the forms in the order they are taken: those that carry whole texts first, the cut print last.
    private static readonly string[] PreferredExtensions = [".xlsx", ".xls", ".txt", ".csv", ".prn"];

    /// <summary>Whether a dropped file is a corrections document, or a zip of them, by its name (CMS names every one "Corrections"). Cheap; never throws.</summary>
    public static bool Recognizes(string name)
    {
        var member = new ReleaseMember(name, []);
        return member.FileName.Contains("correction", StringComparison.OrdinalIgnoreCase) && (Extensions.Contains(member.Extension) || member.Extension == ".zip");
    }

    /// <exception cref="InvalidReleaseException">Not a corrections document, or one that breaks the bounds.</exception>
    public static CorrectionsDocument Read(ReleaseFile file)
    {
        var source = file.Name;
        if (file.Content.Length == 0)
        {
            throw new InvalidReleaseException(source, "the file is empty; upload the corrections document again");
        }

        if (ReleaseReader.TooLarge(source, file.Content.LongLength) is { } tooLarge)
        {
            throw tooLarge;
        }

        var member = PickDocument(source, ReleaseReader.Expand(file));
        var isPrint = member.Extension == ".prn";
        var rows = member.Extension is ".xlsx" or ".xls" || IsWorkbook(member.Content)
            ? WorkbookRows(source, member.Content)
            : isPrint ? PrintRows(source, member.Content) : DelimitedRows(source, member.Content);

        var headerIndex = rows.FindIndex(r => r.Cells.Length > 1 && Cell(r.Cells, 0).Equals("CODE", StringComparison.OrdinalIgnoreCase) && r.Cells.Any(c => c.Trim().Equals("ACTION", StringComparison.OrdinalIgnoreCase)));
        if (headerIndex < 0)
        {
            throw new InvalidReleaseException(source, "no header row with CODE and ACTION: a CMS corrections document starts its lines under a row CODE, ACTION, EFF DATE, SHORT DESC, LONG DESC");
        }

        var year = rows.Take(headerIndex).SelectMany(r => r.Cells).Select(TitleYear).FirstOrDefault(y => y is not null)
            ?? NameYear(member.FileName)
            ?? throw new InvalidReleaseException(source, "no year: neither the title row (\"2018 HCPCS CORRECTIONS\") nor the name (HCPC2018_...) says which year's release this corrects") { Unresolved = ReleaseIdentityPart.Effective };

        var header = rows[headerIndex].Cells.Select(c => TextNormalizer.Collapse(c).ToUpperInvariant()).ToArray();
        var lines = isPrint ? PrintLines(source, rows.Skip(headerIndex + 1)) : TableLines(source, header, rows.Skip(headerIndex + 1));
        if (lines.Count == 0)
        {
            throw new InvalidReleaseException(source, "the corrections document lists no lines under its header row");
        }

        return new CorrectionsDocument(source, year, ReleaseIdentityResolver.Sha256(file.Content), lines);
    }

    /// <summary>
    /// The document to read: a lone file as it is; from a zip (CMS ships a year's corrections together, V1 to V4 as
    /// workbook and print, with a readme) the latest version, each version listing every correction of the year so
    /// far, in the form that carries whole texts.
    /// </summary>
    internal static ReleaseMember PickDocument(string source, IReadOnlyList<ReleaseMember> members)
    {
        if (members.Count == 1)
        {
            return members[0];
        }

        return members
            .Where(m => m.FileName.Contains("correction", StringComparison.OrdinalIgnoreCase)
                && !m.FileName.Contains("readme", StringComparison.OrdinalIgnoreCase)
                && PreferredExtensions.Contains(m.Extension))
            .OrderByDescending(VersionOf)
            .ThenBy(m => Array.IndexOf(PreferredExtensions, m.Extension))
            .ThenBy(m => m.Name, StringComparer.Ordinal)
            .FirstOrDefault()
            ?? throw new InvalidReleaseException(
                source,
                "the zip holds no corrections document (an .xlsx, .xls, .txt, .csv or .prn named like V4_HCPC2018_Corrections_ANWEB); " +
                $"it holds {string.Join(", ", members.Select(m => m.FileName))}");
    }

    /// <summary>CMS numbers a year's later documents V2_… or …_v2; the first carries no number.</summary>
    private static int VersionOf(ReleaseMember member) =>
        VersionPattern().Match(Path.GetFileNameWithoutExtension(member.FileName)) is { Success: true } version
            ? int.Parse(version.Groups["v"].Value, CultureInfo.InvariantCulture)
            : 1;

    /// <summary>What an ACTION text asks for, and for a revert the year it names.</summary>
    public static (CorrectionAction Action, int? Year) Classify(string actionText)
    {
        var action = TextNormalizer.Collapse(actionText);
        if (RevertPattern().Match(action) is { Success: true } revert)
        {
            return (CorrectionAction.Revert, int.Parse(revert.Groups["year"].Value, CultureInfo.InvariantCulture));
        }

        if (action.StartsWith("Revise", StringComparison.OrdinalIgnoreCase))
        {
            return (CorrectionAction.Revise, null);
        }

        if (action.Equals("ADD", StringComparison.OrdinalIgnoreCase) || action.Equals("ADD CODE", StringComparison.OrdinalIgnoreCase))
        {
            return (CorrectionAction.Add, null);
        }

        if (action.Equals("DELETE", StringComparison.OrdinalIgnoreCase))
        {
            return (CorrectionAction.Delete, null);
        }

        if (action.StartsWith("DO NOT ADD", StringComparison.OrdinalIgnoreCase) || action.StartsWith("Remove, will be assigned", StringComparison.OrdinalIgnoreCase))
        {
            return (CorrectionAction.Withdraw, null);
        }

        return (CorrectionAction.Other, null);
    }

    private static List<CorrectionLine> TableLines(string source, string[] header, IEnumerable<DocumentRow> rows)
    {
        int Column(string name) => Array.IndexOf(header, name);
        var code = 0;
        var action = Column("ACTION");
        var effective = Column("EFF DATE");
        var shortText = Column("SHORT DESC");
        var longText = Column("LONG DESC");
        var lines = new List<CorrectionLine>();
        foreach (var row in rows)
        {
            var codeText = Cell(row.Cells, code);
            if (codeText.Length == 0)
            {
                continue;
            }

            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < header.Length; i++)
            {
                if (i != code && i != action && i != effective && i != shortText && i != longText && header[i].Length > 0 && Cell(row.Cells, i) is { Length: > 0 } value)
                {
                    // Dates (ASC DATE) as yyyy-MM-dd, like every date a release keeps; a cell that is no date stays as written.
                    var cleaned = Clean(source, header[i], codeText, value, row.Number);
                    fields[header[i]] = header[i].Contains("DATE", StringComparison.Ordinal) && ParseDate(cleaned) is { } date ? IsoDate.Format(date) : cleaned;
                }
            }

            lines.Add(Line(source, row.Number, codeText, Cell(row.Cells, action), Cell(row.Cells, effective), Cell(row.Cells, shortText), Cell(row.Cells, longText), fields, textCut: false));
            EnsureFew(source, lines.Count, row.Number);
        }

        return lines;
    }

    // The print pads every cell to its column but lets a text run on into empty cells beside it, so no column
    // position holds for every line: the code is the first word, the date the first mm/dd/yy... after it, the
    // action what lies between (or the whole rest when there is no date); what follows the date is kept as printed.
    private static List<CorrectionLine> PrintLines(string source, IEnumerable<DocumentRow> rows)
    {
        var lines = new List<CorrectionLine>();
        foreach (var row in rows)
        {
            var text = row.Cells[0];
            var match = PrintLinePattern().Match(text);
            if (!match.Success)
            {
                continue;
            }

            var code = match.Groups["code"].Value;
            var rest = match.Groups["rest"].Value;
            var date = PrintDatePattern().Match(rest);
            var actionText = date.Success ? rest[..date.Index] : rest;
            var printed = date.Success ? TextNormalizer.Collapse(rest[(date.Index + date.Length)..]) : string.Empty;
            var fields = printed.Length == 0 ? new Dictionary<string, string>() : new Dictionary<string, string> { [PrintedField] = Clean(source, PrintedField, code, printed, row.Number) };
            lines.Add(Line(source, row.Number, code, actionText, date.Success ? date.Value : string.Empty, string.Empty, string.Empty, fields, textCut: true));
            EnsureFew(source, lines.Count, row.Number);
        }

        return lines;
    }

    private static CorrectionLine Line(
        string source, int number, string codeText, string actionText, string effectiveText, string shortText, string longText, IReadOnlyDictionary<string, string> fields, bool textCut)
    {
        var code = codeText.Trim().ToUpperInvariant();
        if (!CodePattern().IsMatch(code))
        {
            throw new InvalidReleaseException(source, $"'{TextLimits.Excerpt(code)}' in the CODE column is not an HCPCS code (2 to 5 letters and digits)", number);
        }

        var actionClean = Clean(source, "ACTION", code, actionText, number);
        var (action, year) = Classify(actionClean);
        return new CorrectionLine(
            number,
            code,
            actionClean,
            action,
            ParseDate(effectiveText),
            NullIfBlank(Clean(source, "SHORT DESC", code, shortText, number)),
            NullIfBlank(Clean(source, "LONG DESC", code, longText, number)),
            fields,
            textCut,
            year);
    }

    private static string Clean(string source, string field, string code, string value, int line)
    {
        var clean = TextNormalizer.DropControlCharacters(value.Trim(), out _);
        TextLimits.EnsureFits(source, field, code, clean.Length, line);
        return clean;
    }

    private static void EnsureFew(string source, int count, int line)
    {
        if (count > MaxCorrectionLines)
        {
            throw new InvalidReleaseException(source, $"more than {MaxCorrectionLines:N0} correction lines; CMS's corrections documents list a few dozen: check that this is a corrections document", line);
        }
    }

    private static string? NullIfBlank(string text) => text.Length == 0 ? null : text;

    /// <summary>EFF DATE as CMS writes it: a date cell, an Excel serial number, mm/dd/yyyy; anything else (the print's cut "01/01/201") is no date.</summary>
    private static DateOnly? ParseDate(string text)
    {
        text = text.Trim();
        if (IsoDate.TryParse(text, out var iso))
        {
            return iso;
        }

        if (DateTime.TryParseExact(text, ["MM/dd/yyyy", "M/d/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var us))
        {
            return DateOnly.FromDateTime(us);
        }

        // Excel serial days: 1 is 1900-01-01; CMS's dates are after 2000 (36526).
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var serial) && serial is > 36526 and < 2958465)
        {
            return DateOnly.FromDateTime(DateTime.FromOADate(serial));
        }

        return null;
    }

    private static int? TitleYear(string cell) =>
        TitlePattern().Match(cell) is { Success: true } m ? int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture) : null;

    private static int? NameYear(string fileName)
    {
        if (NameYearPattern().Match(fileName) is { Success: true } four)
        {
            return int.Parse(four.Groups["year"].Value, CultureInfo.InvariantCulture);
        }

        return ShortNameYearPattern().Match(fileName) is { Success: true } two ? 2000 + int.Parse(two.Groups["yy"].Value, CultureInfo.InvariantCulture) : null;
    }

    private static string Cell(string[] cells, int index) => index >= 0 && index < cells.Length ? cells[index].Trim() : string.Empty;

    private static bool IsWorkbook(byte[] content) =>
        content.Length >= 4 && ((content[0] == 'P' && content[1] == 'K') || (content[0] == 0xD0 && content[1] == 0xCF && content[2] == 0x11 && content[3] == 0xE0));

    private static List<DocumentRow> WorkbookRows(string source, byte[] content)
    {
        // The first sheet with a header row: CMS's workbooks carry empty extra sheets.
        foreach (var sheet in SpreadsheetReader.Read(source, content))
        {
            var rows = sheet.Rows.Select((cells, i) => new DocumentRow(i + 1, cells)).ToList();
            if (rows.Any(r => r.Cells.Length > 1 && Cell(r.Cells, 0).Equals("CODE", StringComparison.OrdinalIgnoreCase)))
            {
                return rows;
            }
        }

        return [];
    }

    // The tab-separated text Excel saves (2017's hcpc2017_corrections_alpha.txt): quoted cells, "" for a quote.
    private static List<DocumentRow> DelimitedRows(string source, byte[] content)
    {
        var rows = new List<DocumentRow>();
        var number = 0;
        foreach (var line in TextDecoder.ReadLines(source, content))
        {
            number++;
            var separator = line.Contains('\t') ? '\t' : ',';
            var cells = line.Split(separator).Select(Unquote).ToArray();
            rows.Add(new DocumentRow(number, cells));
        }

        return rows;
    }

    private static List<DocumentRow> PrintRows(string source, byte[] content)
    {
        var rows = new List<DocumentRow>();
        var number = 0;
        foreach (var line in TextDecoder.ReadLines(source, content))
        {
            number++;
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

            // The header row is recognised by its words; every other line is kept whole for PrintLines.
            rows.Add(new DocumentRow(number, words.Length > 1 && words[0] == "CODE" ? words : [line]));
        }

        return rows;
    }

    private static string Unquote(string cell)
    {
        var trimmed = cell.Trim();
        return trimmed.Length >= 2 && trimmed[0] == '"' && trimmed[^1] == '"' ? trimmed[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal) : trimmed;
    }

    [GeneratedRegex(@"(?:^|_)v(?<v>\d{1,3})(?:_|$)", RegexOptions.IgnoreCase)]
    private static partial Regex VersionPattern();

    [GeneratedRegex(@"revert back to (?<year>(19|20)\d\d)", RegexOptions.IgnoreCase)]
    private static partial Regex RevertPattern();

    [GeneratedRegex(@"^[A-Z0-9]{2,5}$")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"^\s*(?<code>[A-Z0-9]{2,5})\s+(?<rest>\S.*)$")]
    private static partial Regex PrintLinePattern();

    [GeneratedRegex(@"\d{1,2}/\d{1,2}/\d{3,4}")]
    private static partial Regex PrintDatePattern();

    [GeneratedRegex(@"\b(?<year>(19|20)\d\d)\b.*CORRECTIONS", RegexOptions.IgnoreCase)]
    private static partial Regex TitlePattern();

    [GeneratedRegex(@"(?<year>(19|20)\d\d)")]
    private static partial Regex NameYearPattern();

    [GeneratedRegex(@"HCPCS?(?<yy>\d\d)(?!\d)", RegexOptions.IgnoreCase)]
    private static partial Regex ShortNameYearPattern();

    private sealed record DocumentRow(int Number, string[] Cells);
}
