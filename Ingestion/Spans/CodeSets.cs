using System.Text.Json;
using CodeUpdates.Ingestion.Answers;
using CodeUpdates.Ingestion.Lookup;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Reports;
using CodeUpdates.Ingestion.Versions;

namespace CodeUpdates.Ingestion.Spans;

/// <summary>
/// <c>/api/code-sets/{system}/{date}</c>: every code valid on a date (or every code, with its status that day), by code,
/// from the versions in memory. The rows are computed while they are written, so the whole set is never held twice.
/// </summary>
public sealed class CodeSets(IVersionSource versions, KnownVersions? known)
{
    /// <summary>Code sets of the present versions only (no storage to read the past from): knownAt is refused.</summary>
    public CodeSets(IVersionSource versions)
        : this(versions, null)
    {
    }

    public const string ValidOnly = "valid";
    public const string AnyStatus = "any";

    public static readonly IReadOnlyList<string> Header =
        ["Code", "Kind", "Status", "Long description", "Short description", "Valid from", "Valid to", "Release"];

    // The status names of the JSON answers (CodeStatus's own), for the CSV and xlsx cells.
    private static readonly IReadOnlyDictionary<CodeStatus, string> StatusNames =
        Enum.GetValues<CodeStatus>().ToDictionary(s => s, s => JsonSerializer.Serialize(s).Trim('"'));

    /// <summary>The code set as json (default), csv or xlsx; tagged by the system's versions and the query.</summary>
    public Task<Answer<StreamedFile>> CodeSetAsync(string? system, string? date, string? format, string? status, CancellationToken cancellationToken) =>
        CodeSetAsync(system, date, format, status, null, cancellationToken);

    /// <summary>As above, over the versions the system held at <paramref name="knownAt"/> when given (an ISO 8601 instant, see <see cref="KnownAtValue"/>).</summary>
    public async Task<Answer<StreamedFile>> CodeSetAsync(string? system, string? date, string? format, string? status, string? knownAt, CancellationToken cancellationToken)
    {
        if (!RequestValues.TrySystem(system, out var codeSystem, out var error))
        {
            return Refusal.Invalid(error);
        }

        if (!IsoDate.TryParse(date, out var day))
        {
            return Refusal.Invalid($"date '{date}' is not a date: expected yyyy-MM-dd, for example 2025-03-01");
        }

        if (!SpanFormats.TryParse(format, out var chosen, out var badFormat))
        {
            return badFormat!;
        }

        var filter = string.IsNullOrWhiteSpace(status) ? ValidOnly : status.Trim().ToLowerInvariant();
        if (filter is not (ValidOnly or AnyStatus))
        {
            return Refusal.Invalid($"status '{status}' is not offered: use valid (the codes valid on the date) or any (every code, with its status that day)");
        }

        if (!KnownAtValue.TryParse(knownAt, out var instant, out var badInstant))
        {
            return Refusal.Invalid(badInstant);
        }

        var state = await SpanState.ResolveAsync(versions, known, codeSystem, instant, cancellationToken);
        if (!state.Found)
        {
            return state.Refusal;
        }

        var tag = ContentTag.Of(state.Value.Index.Tag(codeSystem), "code-set", IsoDate.Format(day), chosen, filter);
        return Answer<StreamedFile>.Of(File(codeSystem, day, chosen, filter, state.Value), tag);
    }

    /// <summary>The code set's rows, by code, computed as they are read.</summary>
    public static IEnumerable<CodeSetRow> Rows(IVersionIndex index, CodeSystem system, DateOnly date, bool validOnly)
    {
        foreach (var versions in index.Codes(system))
        {
            var answer = AsOfAnswer.For(versions, date);
            if (validOnly && !answer.Valid)
            {
                continue;
            }

            var version = answer.Version;
            yield return new CodeSetRow(
                version.Code,
                version.Kind.Name(),
                answer.Status,
                version.Descriptors.GetValueOrDefault(DescriptorKind.Long),
                version.Descriptors.GetValueOrDefault(DescriptorKind.Short),
                version.ValidFrom,
                version.ValidTo,
                version.Release);
        }
    }

    public static IReadOnlyList<string?> Row(CodeSetRow row) =>
    [
        row.Code,
        row.Kind,
        StatusNames[row.Status],
        row.LongDescription,
        row.ShortDescription,
        IsoDate.Format(row.ValidFrom),
        IsoDate.Format(row.ValidTo),
        IsoDate.Format(row.Release),
    ];

    private static StreamedFile File(CodeSystem system, DateOnly date, string format, string filter, SpanState state)
    {
        var rows = Rows(state.Index, system, date, filter == ValidOnly);
        var name = $"{system.Name()}-code-set-{IsoDate.Format(date)}{(filter == AnyStatus ? "-any-status" : string.Empty)}{KnownAtFileName.Part(state.KnownAt)}.{format}";
        return format switch
        {
            SpanFormats.Csv => new StreamedFile(SpanFormats.CsvMediaType, name, (stream, ct) => CsvRows.WriteAsync(stream, Header, rows.Select(Row), ct)),
            SpanFormats.Xlsx => new StreamedFile(
                SpanFormats.XlsxMediaType,
                name,
                (stream, ct) => DeferredSyncWrites.WriteAsync(stream, (body, bodyCt) => XlsxWriter.WriteAsync(body, [new XlsxSheet($"{system.Name()} {IsoDate.Format(date)}", Header, rows.Select(Row))], bodyCt), ct)),
            _ => new StreamedFile(
                SpanFormats.JsonMediaType,
                null,
                (stream, ct) => JsonSerializer.SerializeAsync(stream, new CodeSetDocument(system.Name(), date, filter, rows) { KnownAt = state.KnownAt, KnownAsOf = state.KnownAsOf }, WebJson.Options, ct)),
        };
    }
}
