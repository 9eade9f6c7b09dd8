using System.Text.Json;
using CodeUpdates.Ingestion.Answers;
using CodeUpdates.Ingestion.Fhir;
using CodeUpdates.Ingestion.Lookup;
using CodeUpdates.Ingestion.ReleaseFiles;

namespace CodeUpdates.Ingestion.Spans;

/// <summary>
/// <c>/api/changes/{system}</c>: the net change between two service dates, of the whole system or of a caller's
/// code list, answered from the versions in memory like a lookup (<see cref="SpanDiff"/> does the comparing).
/// </summary>
public sealed class ChangeSpans(IVersionSource versions, ICodeSystemReleases releases)
{
    /// <summary>The span of a GET: the code list, if any, is the comma-separated <c>codes</c> value. Tagged by the versions and the query.</summary>
    public async Task<Answer<StreamedFile>> ChangesAsync(string? system, string? from, string? to, string? format, string? codes, CancellationToken cancellationToken)
    {
        if (!TryQuery(system, from, to, format, out var query, out var refusal))
        {
            return refusal;
        }

        CodeList? list = null;
        if (!string.IsNullOrWhiteSpace(codes))
        {
            var parsed = CodeList.FromQuery(codes);
            if (!parsed.Found)
            {
                return parsed.Refusal;
            }

            list = parsed.Value;
        }

        var index = await versions.GetAsync(cancellationToken);
        var tag = ContentTag.Of(index.Tag(query.System), "changes", IsoDate.Format(query.From), IsoDate.Format(query.To), query.Format, list is null ? "all" : string.Join(',', list.Codes));
        return Answer<StreamedFile>.Of(File(await ComputeAsync(index, query, list, cancellationToken), query.Format), tag);
    }

    /// <summary>The span of a POST: the body is the code list (read by <see cref="CodeList.Parse"/>). Not tagged: a POST is not revalidated.</summary>
    public async Task<Answer<StreamedFile>> ChangesAsync(string? system, string? from, string? to, string? format, string? contentType, byte[] body, CancellationToken cancellationToken)
    {
        if (!TryQuery(system, from, to, format, out var query, out var refusal))
        {
            return refusal;
        }

        var list = CodeList.Parse(contentType, body);
        if (!list.Found)
        {
            return list.Refusal;
        }

        if (list.Value.Codes.Count == 0)
        {
            return Refusal.Invalid("the code list holds no code: send one code a line, a CSV with a code column, or { \"codes\": [...] }");
        }

        var index = await versions.GetAsync(cancellationToken);
        return Answer<StreamedFile>.Of(File(await ComputeAsync(index, query, list.Value, cancellationToken), query.Format));
    }

    /// <summary>The span's changes as data, for callers in process (and knownAt, over a past state of the versions).</summary>
    public async Task<SpanChanges> ComputeAsync(IVersionIndex index, SpanQuery query, CodeList? codes, CancellationToken cancellationToken)
    {
        var loaded = await releases.ListAsync(query.System, index, cancellationToken);
        return SpanDiff.Compute(index, query.System, query.From, query.To, loaded.Select(r => r.Effective), codes);
    }

    /// <summary>Reads the route's values, with the refusal that names the first one wrong.</summary>
    public static bool TryQuery(string? system, string? from, string? to, string? format, out SpanQuery query, out Refusal refusal)
    {
        query = null!;
        refusal = null!;
        if (!RequestValues.TrySystem(system, out var codeSystem, out var error))
        {
            refusal = Refusal.Invalid(error);
            return false;
        }

        if (!TryServiceDate("from", from, out var start, out refusal) || !TryServiceDate("to", to, out var end, out refusal))
        {
            return false;
        }

        if (start >= end)
        {
            refusal = Refusal.Invalid($"from {IsoDate.Format(start)} is not before to {IsoDate.Format(end)}: a span runs from an earlier service date to a later one");
            return false;
        }

        if (!SpanFormats.TryParse(format, out var chosen, out var badFormat))
        {
            refusal = badFormat!;
            return false;
        }

        query = new SpanQuery(codeSystem, start, end, chosen);
        return true;
    }

    private static bool TryServiceDate(string name, string? value, out DateOnly date, out Refusal refusal)
    {
        refusal = null!;
        if (string.IsNullOrWhiteSpace(value))
        {
            date = default;
            refusal = Refusal.Invalid($"{name} is required: a service date yyyy-MM-dd, for example {name}=2025-01-01");
            return false;
        }

        if (!RequestValues.TryDate(value, default, out date, out var error))
        {
            refusal = Refusal.Invalid($"{name}: {error}");
            return false;
        }

        return true;
    }

    private static StreamedFile File(SpanChanges changes, string format)
    {
        var name = $"{changes.System}-changes-{IsoDate.Format(changes.From)}-to-{IsoDate.Format(changes.To)}.{format}";
        return format switch
        {
            SpanFormats.Csv => new StreamedFile(SpanFormats.CsvMediaType, name, (stream, ct) => SpanTable.WriteCsvAsync(changes, stream, ct)),
            SpanFormats.Xlsx => new StreamedFile(SpanFormats.XlsxMediaType, name, (stream, ct) => DeferredSyncWrites.WriteAsync(stream, (body, bodyCt) => SpanTable.WriteXlsxAsync(changes, body, bodyCt), ct)),
            _ => new StreamedFile(SpanFormats.JsonMediaType, null, (stream, ct) => JsonSerializer.SerializeAsync(stream, changes, WebJson.Options, ct)),
        };
    }
}
