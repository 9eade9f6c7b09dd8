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
public sealed class ChangeSpans(IVersionSource versions, ICodeSystemReleases releases, KnownVersions? known)
{
    /// <summary>Spans of the present versions only (no storage to read the past from): knownAt is refused.</summary>
    public ChangeSpans(IVersionSource versions, ICodeSystemReleases releases)
        : this(versions, releases, null)
    {
    }

    /// <summary>The span of a GET: the code list, if any, is the comma-separated <c>codes</c> value. Tagged by the versions and the query.</summary>
    public Task<Answer<StreamedFile>> ChangesAsync(string? system, string? from, string? to, string? format, string? codes, CancellationToken cancellationToken) =>
        ChangesAsync(system, from, to, format, codes, (string?)null, cancellationToken);

    /// <summary>As the GET above, over the versions the system held at <paramref name="knownAt"/> when given (an ISO 8601 instant, see <see cref="KnownAtValue"/>).</summary>
    public async Task<Answer<StreamedFile>> ChangesAsync(string? system, string? from, string? to, string? format, string? codes, string? knownAt, CancellationToken cancellationToken)
    {
        if (!TryQuery(system, from, to, format, out var query, out var refusal))
        {
            return refusal;
        }

        if (!KnownAtValue.TryParse(knownAt, out var instant, out var badInstant))
        {
            return Refusal.Invalid(badInstant);
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

        var state = await SpanState.ResolveAsync(versions, known, query.System, instant, cancellationToken);
        if (!state.Found)
        {
            return state.Refusal;
        }

        var tag = ContentTag.Of(state.Value.Index.Tag(query.System), "changes", IsoDate.Format(query.From), IsoDate.Format(query.To), query.Format, list is null ? "all" : string.Join(',', list.Codes));
        return Answer<StreamedFile>.Of(File(await ComputeAsync(state.Value, query, list, cancellationToken), query.Format), tag);
    }

    /// <summary>The span of a POST: the body is the code list (read by <see cref="CodeList.Parse"/>). Not tagged: a POST is not revalidated.</summary>
    public Task<Answer<StreamedFile>> ChangesAsync(string? system, string? from, string? to, string? format, string? contentType, byte[] body, CancellationToken cancellationToken) =>
        ChangesAsync(system, from, to, format, null, contentType, body, cancellationToken);

    /// <summary>As the POST above, over the versions the system held at <paramref name="knownAt"/> when given.</summary>
    public async Task<Answer<StreamedFile>> ChangesAsync(
        string? system, string? from, string? to, string? format, string? knownAt, string? contentType, byte[] body, CancellationToken cancellationToken)
    {
        if (!TryQuery(system, from, to, format, out var query, out var refusal))
        {
            return refusal;
        }

        if (!KnownAtValue.TryParse(knownAt, out var instant, out var badInstant))
        {
            return Refusal.Invalid(badInstant);
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

        var state = await SpanState.ResolveAsync(versions, known, query.System, instant, cancellationToken);
        return state.Found
            ? Answer<StreamedFile>.Of(File(await ComputeAsync(state.Value, query, list.Value, cancellationToken), query.Format))
            : state.Refusal;
    }

    /// <summary>The span's changes as data, for callers in process (and knownAt, over a past state of the versions).</summary>
    public async Task<SpanChanges> ComputeAsync(IVersionIndex index, SpanQuery query, CodeList? codes, CancellationToken cancellationToken)
    {
        var loaded = await releases.ListAsync(query.System, index, cancellationToken);
        return SpanDiff.Compute(index, query.System, query.From, query.To, loaded.Select(r => r.Effective), codes);
    }

    /// <summary>The span's changes over <paramref name="state"/>: a past state compares the releases it held, and says which state answered.</summary>
    public async Task<SpanChanges> ComputeAsync(SpanState state, SpanQuery query, CodeList? codes, CancellationToken cancellationToken)
    {
        if (state.HeldReleases is not { } held)
        {
            return await ComputeAsync(state.Index, query, codes, cancellationToken);
        }

        return SpanDiff.Compute(state.Index, query.System, query.From, query.To, held, codes) with { KnownAt = state.KnownAt, KnownAsOf = state.KnownAsOf };
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
        var name = $"{changes.System}-changes-{IsoDate.Format(changes.From)}-to-{IsoDate.Format(changes.To)}{KnownAtFileName.Part(changes.KnownAt)}.{format}";
        return format switch
        {
            SpanFormats.Csv => new StreamedFile(SpanFormats.CsvMediaType, name, (stream, ct) => SpanTable.WriteCsvAsync(changes, stream, ct)),
            SpanFormats.Xlsx => new StreamedFile(SpanFormats.XlsxMediaType, name, (stream, ct) => DeferredSyncWrites.WriteAsync(stream, (body, bodyCt) => SpanTable.WriteXlsxAsync(changes, body, bodyCt), ct)),
            _ => new StreamedFile(SpanFormats.JsonMediaType, null, (stream, ct) => JsonSerializer.SerializeAsync(stream, changes, WebJson.Options, ct)),
        };
    }
}
