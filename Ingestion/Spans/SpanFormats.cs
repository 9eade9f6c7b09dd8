using CodeUpdates.Ingestion.Answers;

namespace CodeUpdates.Ingestion.Spans;

/// <summary>The formats the span and code-set routes answer in, and their media types.</summary>
public static class SpanFormats
{
    public const string Json = "json";
    public const string Csv = "csv";
    public const string Xlsx = "xlsx";

    public const string JsonMediaType = "application/json; charset=utf-8";
    public const string CsvMediaType = "text/csv; charset=utf-8";
    public const string XlsxMediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static readonly IReadOnlyList<string> All = [Json, Csv, Xlsx];

    /// <summary>The format asked for (json when none), or the refusal naming the ones offered.</summary>
    public static bool TryParse(string? value, out string format, out Refusal? refusal)
    {
        format = string.IsNullOrWhiteSpace(value) ? Json : value.Trim().ToLowerInvariant();
        refusal = All.Contains(format) ? null : Refusal.Invalid($"format '{value}' is not offered: use json, csv or xlsx");
        return refusal is null;
    }

    public static string MediaType(string format) => format switch
    {
        Csv => CsvMediaType,
        Xlsx => XlsxMediaType,
        _ => JsonMediaType,
    };
}
