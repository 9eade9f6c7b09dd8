using System.Globalization;
using System.Text;

namespace CodeUpdates.Ingestion.ReleaseFiles.Hcpcs;

/// <summary>
/// Turns ANWEB records into <see cref="CodeRecord"/>s. Every form (.txt, .xlsx/.xls, .csv) goes
/// through here, so each rule lives once: RECID 3 starts a procedure and 7 a modifier; 4 and 8
/// continue the long description of the code before them (chunks trimmed, joined with one space),
/// also where one strays into a spreadsheet; dates are yyyyMMdd; every other field is kept.
/// </summary>
internal sealed class HcpcsRecordBuilder(string source)
{
    private readonly List<CodeRecord> codes = new(8192);
    private readonly StringBuilder longText = new(512);
    private readonly List<string> crossReferences = new(HcpcsFields.XrefCount);
    private readonly Dictionary<string, int> lines = new(8192, StringComparer.Ordinal);
    private readonly ControlCharacterTally tally = new();
    private Dictionary<string, string>? pendingDescriptors;
    private string? pendingCode;

    /// <summary>The file (and sheet) named in error messages.</summary>
    public string Source { get; set; } = source;

    /// <summary>Reads one record; <paramref name="line"/> is its 1-based line or row number.</summary>
    /// <exception cref="InvalidReleaseException">The record cannot be an ANWEB record.</exception>
    public void Add<TRow>(TRow row, int line)
        where TRow : IHcpcsRow, allows ref struct
    {
        var recId = row.Field(HcpcsFields.RecId).Trim();
        var code = row.Field(HcpcsFields.Hcpc).Trim();

        // The one length rule, for every field of every form, before any field is read or quoted.
        for (var field = 0; field < HcpcsFields.Count; field++)
        {
            TextLimits.EnsureFits(Source, HcpcsFields.Names[field], code, row.Field(field).Trim().Length, line);
        }

        if (recId.Length == 1)
        {
            switch (recId[0])
            {
                case '3':
                    Start(row, code, CodeKind.Procedure, line);
                    return;
                case '7':
                    Start(row, code, CodeKind.Modifier, line);
                    return;
                case '4':
                case '8':
                    Continue(row, code, recId[0], line);
                    return;
            }
        }

        if (recId.IsEmpty && code.IsEmpty && row.Field(HcpcsFields.LongDescription).IsWhiteSpace())
        {
            return; // an empty row
        }

        throw Invalid(
            $"RECID is '{recId}'{ForCode(code)}; expected 3 (procedure), 7 (modifier), or 4 or 8 (a further line of the long description)",
            line);
    }

    /// <summary>All codes read, in file order, and what reading dropped from them.</summary>
    public ReleaseContent Finish()
    {
        Flush();
        return new ReleaseContent(CodeSystem.Hcpcs, HcpcsAnwebReader.DescriptorKinds, codes) { ControlCharacters = tally.Result };
    }

    private void Start<TRow>(TRow row, ReadOnlySpan<char> code, CodeKind kind, int line)
        where TRow : IHcpcsRow, allows ref struct
    {
        Flush();
        var expectedLength = kind == CodeKind.Modifier ? 2 : 5;
        if (code.Length != expectedLength || !IsAlphanumeric(code))
        {
            var what = kind == CodeKind.Modifier ? "a 2-character modifier (RECID 7)" : "a 5-character procedure code (RECID 3)";
            throw Invalid($"HCPC is '{code}'; expected {what}", line);
        }

        var codeText = code.ToString().ToUpperInvariant();
        if (!lines.TryAdd(codeText, line))
        {
            throw Invalid($"code {codeText} appears twice, on line {lines[codeText]} and line {line}; each code must appear once in a release", line);
        }

        var descriptors = new Dictionary<string, string>(2);
        var shortText = row.Field(HcpcsFields.ShortDescription).Trim();
        if (!shortText.IsEmpty)
        {
            descriptors[DescriptorKind.Short] = tally.Clean(shortText, codeText);
        }

        longText.Clear();
        pendingCode = codeText;
        AppendChunk(row.Field(HcpcsFields.LongDescription), line);

        crossReferences.Clear();
        for (var i = 0; i < HcpcsFields.XrefCount; i++)
        {
            var xref = row.Field(HcpcsFields.Xref1 + i).Trim();
            if (!xref.IsEmpty)
            {
                crossReferences.Add(tally.Clean(xref, codeText));
            }
        }

        var administrative = new Dictionary<string, string>(16, StringComparer.Ordinal);
        for (var field = 0; field < HcpcsFields.Count; field++)
        {
            if (!HcpcsFields.IsAdministrative[field])
            {
                continue;
            }

            var value = row.Field(field).Trim();
            if (value.IsEmpty)
            {
                continue;
            }

            // ASC_DT and OPPS_DT as yyyy-MM-dd. CMS's own files carry a few that are not dates
            // (2018: ASC_DT '170401' for C9488); nothing depends on them, so they are kept as written.
            administrative[HcpcsFields.Names[field]] = HcpcsFields.IsDate[field] && TryParseDate(value, out var date)
                ? IsoDate.Format(date)
                : tally.Clean(value, codeText);
        }

        var action = row.Field(HcpcsFields.ActionCode).Trim();
        codes.Add(new CodeRecord(
            codeText,
            kind,
            descriptors,
            AddDate: ParseDate(row.Field(HcpcsFields.AddDate).Trim(), HcpcsFields.AddDate, codeText, line),
            ActionEffectiveDate: ParseDate(row.Field(HcpcsFields.ActionEffectiveDate).Trim(), HcpcsFields.ActionEffectiveDate, codeText, line),
            TerminationDate: ParseDate(row.Field(HcpcsFields.TerminationDate).Trim(), HcpcsFields.TerminationDate, codeText, line),
            ActionCode: action.IsEmpty ? null : tally.Clean(action, codeText),
            SequenceNumber: ParseSequence(row.Field(HcpcsFields.SeqNum).Trim(), codeText, line),
            CrossReferences: crossReferences.Count == 0 ? [] : crossReferences.ToArray(),
            Administrative: administrative));
        pendingCode = codeText;
        pendingDescriptors = descriptors;
    }

    private void Continue<TRow>(TRow row, ReadOnlySpan<char> code, char recId, int line)
        where TRow : IHcpcsRow, allows ref struct
    {
        if (pendingCode is null)
        {
            throw Invalid(
                $"a continuation of a long description (RECID {recId}{ForCode(code)}) comes before any code; each must follow the RECID 3 or 7 line of its code",
                line);
        }

        if (!code.IsEmpty && !code.Equals(pendingCode, StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid(
                $"a continuation of a long description (RECID {recId}) for {code} follows code {pendingCode}; it must follow the RECID 3 or 7 line of its own code",
                line);
        }

        AppendChunk(row.Field(HcpcsFields.LongDescription), line);
    }

    private void AppendChunk(ReadOnlySpan<char> chunk, int line)
    {
        chunk = chunk.Trim();
        if (chunk.IsEmpty)
        {
            return;
        }

        if (longText.Length > 0)
        {
            longText.Append(' ');
        }

        longText.Append(chunk);
        TextLimits.EnsureFits(Source, HcpcsFields.Names[HcpcsFields.LongDescription], pendingCode ?? "?", longText.Length, line);
    }

    private void Flush()
    {
        if (pendingDescriptors is not null && longText.Length > 0)
        {
            pendingDescriptors[DescriptorKind.Long] = tally.Clean(longText.ToString(), pendingCode!);
        }

        pendingDescriptors = null;
        longText.Clear();
    }

    private DateOnly? ParseDate(ReadOnlySpan<char> value, int field, string code, int line)
    {
        if (value.IsEmpty || value.IndexOfAnyExcept('0') < 0)
        {
            return null;
        }

        if (TryParseDate(value, out var date))
        {
            return date;
        }

        throw Invalid($"{HcpcsFields.Names[field]} of code {code} is '{value}'; expected a date as yyyyMMdd (for example 20240101)", line);
    }

    private static bool TryParseDate(ReadOnlySpan<char> value, out DateOnly date) =>
        DateOnly.TryParseExact(value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
        || IsoDate.TryParse(value, out date);

    private int? ParseSequence(ReadOnlySpan<char> value, string code, int line)
    {
        if (value.IsEmpty)
        {
            return null;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw Invalid($"SEQNUM is '{value}' for code {code}; expected a whole number", line);
    }

    private static bool IsAlphanumeric(ReadOnlySpan<char> code)
    {
        foreach (var ch in code)
        {
            if (!char.IsAsciiLetterOrDigit(ch))
            {
                return false;
            }
        }

        return true;
    }

    private static string ForCode(ReadOnlySpan<char> code) => code.IsEmpty ? string.Empty : $" for {code}";

    private InvalidReleaseException Invalid(string problem, int line) => new(Source, problem, line);
}
