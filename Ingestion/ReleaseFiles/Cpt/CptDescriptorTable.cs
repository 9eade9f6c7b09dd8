using System.Globalization;

namespace CodeUpdates.Ingestion.ReleaseFiles.Cpt;

/// <summary>
/// Tables with a header row: the AMA's <c>ConsumerDescriptor.txt</c> and <c>ClinicianDescriptor.txt</c>
/// (tab-separated) and .csv / .xlsx / .xls spreadsheets. The header row is the first of the first
/// <see cref="HeaderSearchRows"/> rows that names a code column; headers are matched case-insensitively
/// with spaces and punctuation ignored.
/// </summary>
internal static class CptDescriptorTable
{
    public const int HeaderSearchRows = 50;

    private const string ExpectedHeader =
        "a header row naming a code column (CPT Code, Code or HCPCS) and descriptor columns (Long Descriptor, Medium Descriptor, Short Descriptor, Consumer Friendly Descriptor, Clinician Descriptor, or Descriptor for the long text)";

    private static readonly HashSet<string> CodeHeaders = new(StringComparer.Ordinal)
    {
        "cptcode", "cptcodes", "code", "codes", "cpt", "hcpcs", "hcpcscode", "procedurecode", "cpthcpcscode",
    };

    private sealed record Header(int Line, int CodeColumn, IReadOnlyDictionary<string, int> Descriptors, int? ClinicianIdColumn);

    /// <summary>Cheap check: a header row with a code column and a descriptor column, and a CPT code below it.</summary>
    public static bool LooksLikeTable(IReadOnlyList<TableRow> rows)
    {
        if (FindHeader(rows) is not { } header || header.Descriptors.Count == 0)
        {
            return false;
        }

        var firstData = rows.Where(r => r.Line > header.Line).FirstOrDefault(r => !IsBlank(r.Cells));
        return firstData is not null && CptCode.TryNormalize(CptCode.RestoreLeadingZeros(Cell(firstData.Cells, header.CodeColumn)), out _);
    }

    public static CptFileDescriptors Read(string source, IReadOnlyList<TableRow> rows, int rank)
    {
        var header = FindHeader(rows)
            ?? throw new InvalidReleaseException(source, $"no header row naming a code column in the first {HeaderSearchRows} rows; expected {ExpectedHeader}");
        if (header.Descriptors.Count == 0)
        {
            throw new InvalidReleaseException(source, $"the header row names a code column but no descriptor column; expected {ExpectedHeader}", header.Line);
        }

        var file = new CptFileDescriptors(source, rank);

        // Several clinician descriptors per code are normal (each its own Clinician Descriptor Id).
        // They are joined, ordered by id, one per line, so that a change to any of them is a change
        // to the code's clinician descriptor; keeping only the first would hide the others' edits.
        var clinician = new Dictionary<string, List<(string Id, string Text, int Line)>>(StringComparer.Ordinal);
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        var others = header.Descriptors.Where(d => d.Key != DescriptorKind.Clinician).ToArray();
        foreach (var row in rows.Where(r => r.Line > header.Line))
        {
            if (IsBlank(row.Cells))
            {
                continue;
            }

            var raw = Cell(row.Cells, header.CodeColumn).Trim();
            if (raw.Length == 0)
            {
                throw new InvalidReleaseException(source, "the row has descriptors but no code", row.Line);
            }

            if (!CptCode.TryNormalize(CptCode.RestoreLeadingZeros(raw), out var code))
            {
                throw new InvalidReleaseException(source, $"\"{TextLimits.Excerpt(raw)}\" is not a CPT code; {CptCode.Expected}", row.Line);
            }

            var texts = header.Descriptors.ToDictionary(d => d.Key, d => Cell(row.Cells, d.Value).Trim());
            if (texts.Values.All(t => t.Length == 0))
            {
                throw new InvalidReleaseException(source, $"code {code} has an empty descriptor", row.Line);
            }

            var repeated = firstLine.TryGetValue(code, out var earlier);
            if (repeated && !clinician.ContainsKey(code))
            {
                throw new InvalidReleaseException(source, $"code {code} appears twice, on line {earlier} and line {row.Line}; each code may appear once in a file", row.Line);
            }

            firstLine.TryAdd(code, row.Line);
            foreach (var (kind, _) in others)
            {
                // In a table with several descriptor columns a blank cell means the code has no such descriptor.
                var text = texts[kind];
                if (text.Length == 0)
                {
                    continue;
                }

                var known = file.Of(kind).TryGetValue(code, out var before);
                if (known && !TextNormalizer.SameText(before.Text, text))
                {
                    throw new InvalidReleaseException(source, $"code {code} appears on line {before.Line} and line {row.Line} with different {kind} descriptors", row.Line);
                }

                if (!known)
                {
                    file.Add(kind, code, text, row.Line);
                }
            }

            if (header.Descriptors.ContainsKey(DescriptorKind.Clinician))
            {
                var id = header.ClinicianIdColumn is { } c ? Cell(row.Cells, c).Trim() : string.Empty;
                var list = clinician.TryGetValue(code, out var l) ? l : clinician[code] = [];
                if (texts[DescriptorKind.Clinician].Length > 0)
                {
                    list.Add((id, texts[DescriptorKind.Clinician], row.Line));
                }
            }
        }

        foreach (var (code, descriptors) in clinician)
        {
            if (descriptors.Count == 0)
            {
                continue;
            }

            var ordered = descriptors.OrderBy(d => d.Id.Length == 0 ? long.MaxValue : ParseId(d.Id)).ThenBy(d => d.Id, StringComparer.Ordinal).ThenBy(d => d.Line).ToArray();
            var clash = ordered.Zip(ordered.Skip(1)).FirstOrDefault(p => p.First.Id.Length > 0 && p.First.Id == p.Second.Id);
            if (clash != default)
            {
                throw new InvalidReleaseException(source, $"clinician descriptor id {clash.First.Id} of code {code} appears twice, on line {clash.First.Line} and line {clash.Second.Line}", clash.Second.Line);
            }

            file.Add(DescriptorKind.Clinician, code, string.Join('\n', ordered.Select(d => d.Text)), ordered.Min(d => d.Line));
        }

        return file;
    }

    private static long ParseId(string id) => long.TryParse(id, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : long.MaxValue - 1;

    private static Header? FindHeader(IReadOnlyList<TableRow> rows)
    {
        foreach (var row in rows.Take(HeaderSearchRows))
        {
            var roles = row.Cells.Select(Role).ToArray();
            var codeColumn = Array.IndexOf(roles, "code");
            if (codeColumn < 0)
            {
                continue;
            }

            var descriptors = new Dictionary<string, int>(StringComparer.Ordinal);
            int? clinicianId = null;
            for (var i = 0; i < roles.Length; i++)
            {
                if (roles[i] == "clinician-id")
                {
                    clinicianId ??= i;
                }
                else if (roles[i] is { } kind && kind != "code")
                {
                    // The first column of a kind counts; a second one (a copy) is ignored.
                    descriptors.TryAdd(kind, i);
                }
            }

            return new Header(row.Line, codeColumn, descriptors, clinicianId);
        }

        return null;
    }

    /// <summary>What a header cell names: "code", a <see cref="DescriptorKind"/>, "clinician-id", or null.</summary>
    private static string? Role(string header)
    {
        var name = new string(header.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
        if (CodeHeaders.Contains(name))
        {
            return "code";
        }

        if (name.Contains("clinician", StringComparison.Ordinal))
        {
            return name.EndsWith("id", StringComparison.Ordinal) ? "clinician-id" : DescriptorKind.Clinician;
        }

        if (name.EndsWith("id", StringComparison.Ordinal))
        {
            return null;
        }

        if (name.Contains("consumer", StringComparison.Ordinal))
        {
            return DescriptorKind.Consumer;
        }

        var describes = name.Contains("desc", StringComparison.Ordinal);
        return name switch
        {
            _ when describes && name.Contains("medium", StringComparison.Ordinal) => DescriptorKind.Medium,
            _ when describes && name.Contains("short", StringComparison.Ordinal) => DescriptorKind.Short,
            _ when describes => DescriptorKind.Long,
            _ => null,
        };
    }

    private static string Cell(string[] cells, int column) => column < cells.Length ? cells[column] : string.Empty;

    private static bool IsBlank(string[] cells) => cells.All(string.IsNullOrWhiteSpace);
}
