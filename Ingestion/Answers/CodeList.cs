using System.Text.Json;
using CodeUpdates.Ingestion.ReleaseFiles.Tabular;

namespace CodeUpdates.Ingestion.Answers;

/// <summary>
/// A caller's list of codes (a chargemaster, a payer's fee schedule): trimmed, upper-cased, each code once,
/// in the order first given. One reading of every form a list arrives in (DESIGN.md "Changes across any span"):
/// <c>text/plain</c> one code a line; <c>text/csv</c> the column a header names (<see cref="CodeColumnNames"/>),
/// else the first column; JSON <c>{ "codes": [...] }</c> or a bare array; a comma-separated query value.
/// </summary>
public sealed record CodeList(IReadOnlyList<string> Codes)
{
    /// <summary>The most codes one list may hold: a large chargemaster, with room to spare.</summary>
    public const int MaxCodes = 100_000;

    /// <summary>Header names (case and spacing aside) that name the code column of a CSV.</summary>
    public static readonly IReadOnlySet<string> CodeColumnNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "code", "codes", "hcpcs", "hcpcs code", "hcpcs_code", "hcpc", "cpt", "cpt code", "cpt_code", "procedure code", "cpt/hcpcs", "hcpcs/cpt",
    };

    /// <summary>
    /// Reads a request body as a code list by its media type; refuses, naming the line, what is not one, and
    /// refuses a media type it cannot read (415) or more than <see cref="MaxCodes"/> codes (413).
    /// </summary>
    public static Answer<CodeList> Parse(string? contentType, byte[] body)
    {
        var mediaType = (contentType ?? string.Empty).Split(';')[0].Trim().ToLowerInvariant();
        return mediaType switch
        {
            "text/plain" => FromLines(TextDecoder.Decode(body)),
            "text/csv" or "application/csv" => FromCsv(TextDecoder.Decode(body)),
            "application/json" => FromJson(body),
            "" => Refusal.UnsupportedMediaType("the body has no Content-Type: send the code list as text/plain (one code a line), text/csv (a code column) or application/json ({ \"codes\": [...] })"),
            _ => Refusal.UnsupportedMediaType($"Content-Type '{mediaType}' is not read here: send the code list as text/plain (one code a line), text/csv (a code column) or application/json ({{ \"codes\": [...] }})"),
        };
    }

    /// <summary>A comma-separated list, as the <c>codes</c> query value gives it.</summary>
    public static Answer<CodeList> FromQuery(string value) =>
        From(value.Split(',').Select((code, i) => (code, $"item {i + 1} of codes")).Where(c => c.code.Trim().Length > 0));

    /// <summary>Codes as a JSON body or a stored list gives them.</summary>
    public static Answer<CodeList> FromCodes(IEnumerable<string?> codes) =>
        From(codes.Select((code, i) => (code ?? string.Empty, $"item {i + 1} of codes")));

    private static Answer<CodeList> FromLines(string text) =>
        From(TextDecoder.Lines(text)
            .Select((line, i) => (line, $"line {i + 1}"))
            .Where(l => l.line.Trim().Length > 0));

    private static Answer<CodeList> FromCsv(string text)
    {
        List<CsvRow> rows;
        try
        {
            rows = CsvReader.ReadNumberedRows(text).Where(r => r.Fields.Any(f => f.Trim().Length > 0)).ToList();
        }
        catch (CsvFormatException ex)
        {
            return Refusal.Invalid($"the CSV is not well formed at line {ex.Line}: {ex.Message}");
        }

        if (rows.Count == 0)
        {
            return Answer<CodeList>.Of(new CodeList([]));
        }

        var header = rows[0].Fields.Select(f => f.Trim()).ToArray();
        var named = Array.FindIndex(header, f => CodeColumnNames.Contains(f));
        var column = Math.Max(named, 0);

        // A first row that names the column, or that holds no code in the first column, is a header.
        var skip = named >= 0 || !RequestValues.TryCode(header.ElementAtOrDefault(0), out _, out _) ? 1 : 0;
        return From(rows.Skip(skip)
            .Select(r => (r.Fields.ElementAtOrDefault(column) ?? string.Empty, $"line {r.Line}"))
            .Where(c => c.Item1.Trim().Length > 0));
    }

    private static Answer<CodeList> FromJson(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 8 });
            var root = document.RootElement;
            var array = root.ValueKind switch
            {
                JsonValueKind.Array => root,
                JsonValueKind.Object when root.TryGetProperty("codes", out var codes) && codes.ValueKind == JsonValueKind.Array => codes,
                _ => (JsonElement?)null,
            };
            if (array is not { } items)
            {
                return Refusal.Invalid("the JSON body is not a code list: expected { \"codes\": [\"E0114\", ...] }");
            }

            var codesRead = new List<(string, string)>();
            var index = 0;
            foreach (var item in items.EnumerateArray())
            {
                index++;
                if (item.ValueKind != JsonValueKind.String)
                {
                    return Refusal.Invalid($"item {index} of codes is {item.ValueKind.ToString().ToLowerInvariant()}, not a code in quotes");
                }

                codesRead.Add((item.GetString()!, $"item {index} of codes"));
                if (codesRead.Count > MaxCodes)
                {
                    return TooMany();
                }
            }

            return From(codesRead);
        }
        catch (JsonException ex)
        {
            return Refusal.Invalid($"the JSON body is not well formed: {ex.Message}");
        }
    }

    private static Answer<CodeList> From(IEnumerable<(string Code, string Where)> entries)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var codes = new List<string>();
        foreach (var (value, where) in entries)
        {
            if (!RequestValues.TryCode(value, out var code, out var error))
            {
                return Refusal.Invalid($"{where}: {error}");
            }

            if (seen.Add(code))
            {
                codes.Add(code);
                if (codes.Count > MaxCodes)
                {
                    return TooMany();
                }
            }
        }

        return Answer<CodeList>.Of(new CodeList(codes));
    }

    private static Refusal TooMany() =>
        Refusal.TooLarge($"the list has more than {MaxCodes:N0} codes; send at most {MaxCodes:N0} at once", "Too many codes");
}
