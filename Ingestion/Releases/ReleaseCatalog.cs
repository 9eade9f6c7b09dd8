using System.Text;
using System.Text.Json;
using CodeUpdates.Ingestion.Answers;
using CodeUpdates.Ingestion.Diff;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Reports;

namespace CodeUpdates.Ingestion.Releases;

/// <summary>What was loaded, what was rejected and why, and each published release's changes.</summary>
public sealed class ReleaseCatalog(ReleaseStore releases, IReleaseChangesSource changes)
{
    public static readonly IReadOnlyList<string> ChangeFormats = ["json", "csv", "xlsx"];

    /// <summary>How many computed change files are kept: the three formats of the last few releases (each at most a few MB).</summary>
    public const int KeptChangeFiles = 12;

    /// <summary>
    /// Part of the changes' tag: a change to what the document holds (v2: cmsActions, missingQuarters, reused; v3: correction)
    /// must not be answered 304 to a caller holding the tag of the document before it.
    /// </summary>
    public const string ChangesDocumentVersion = "v3";

    // A published release never changes (a corrected file is a new hash, so a new key): each format is computed once.
    private readonly ComputedOnceCache<ReleaseChangesQuery, ReleaseChangesFile> files = new(KeptChangeFiles);

    /// <summary>Every release and rejected file, of one system or all; tagged by its content, so pollers revalidate cheaply.</summary>
    public async Task<Answer<ReleaseList>> ListAsync(string? system, CancellationToken cancellationToken)
    {
        CodeSystem? filter = null;
        if (!string.IsNullOrEmpty(system))
        {
            if (!RequestValues.TrySystem(system, out var parsed, out var error))
            {
                return Refusal.Invalid(error);
            }

            filter = parsed;
        }

        // The list changes with every drop, so its tag is its content: pollers get 304 until something happened.
        var list = new ReleaseList(await releases.ListAsync(filter, cancellationToken));
        return Answer<ReleaseList>.Of(list, ContentTag.Of(JsonSerializer.Serialize(list, WebJson.Options)));
    }

    /// <summary>
    /// Which published release's changes are asked for, tagged by the release's and its prior's hashes and the
    /// format, from the release records alone: a caller that holds the tag is answered without computing anything.
    /// </summary>
    public Task<Answer<ReleaseChangesQuery>> ChangesAsync(string? system, string? effective, string? format, CancellationToken cancellationToken) =>
        ChangesAsync(system, effective, format, null, cancellationToken);

    /// <summary>
    /// As <see cref="ChangesAsync(string?, string?, string?, CancellationToken)"/>, for the release of that date as it stood
    /// at <paramref name="knownAt"/> (parsed by the caller): the file published last for the date by then, against the
    /// release before it then. Its document is the one that pair of files gives, saying the instant it was asked at and
    /// the state that answered, so the tag is the pair's with those two.
    /// </summary>
    public async Task<Answer<ReleaseChangesQuery>> ChangesAsync(string? system, string? effective, string? format, DateTimeOffset? knownAt, CancellationToken cancellationToken)
    {
        if (!RequestValues.TrySystem(system, out var codeSystem, out var error))
        {
            return Refusal.Invalid(error);
        }

        if (!IsoDate.TryParse(effective, out var date))
        {
            return Refusal.Invalid($"effective date '{effective}' is not a date: expected yyyy-MM-dd");
        }

        format = (format ?? "json").ToLowerInvariant();
        if (!ChangeFormats.Contains(format))
        {
            return Refusal.Invalid($"format '{format}' is not offered: use json, csv or xlsx");
        }

        if (knownAt is { } at)
        {
            var state = KnowledgeInstant.At(await releases.ListAsync(codeSystem, cancellationToken), at);
            if (state?.Held.FirstOrDefault(r => r.Effective == date) is not { } then)
            {
                return Refusal.NotFound($"no {codeSystem.Name()} release effective {IsoDate.Format(date)} was published by {at:O}");
            }

            var priorThen = state.Held.LastOrDefault(r => r.Effective < date);
            var asKnown = new PublishedRelease(codeSystem, date, then.Sha256, priorThen?.Sha256) { PriorEffective = priorThen?.Effective };
            var query = new ReleaseChangesQuery(asKnown, format) { KnownAt = at, KnownAsOf = state.KnownAsOf };
            return Answer<ReleaseChangesQuery>.Of(query, ContentTag.Of(Tag(asKnown, format), at.ToString("O"), state.KnownAsOf.ToString("O")));
        }

        var release = await changes.FindPublishedAsync(codeSystem, date, cancellationToken);
        if (release is null)
        {
            return NotPublished(codeSystem, date);
        }

        return Answer<ReleaseChangesQuery>.Of(new ReleaseChangesQuery(release, format), Tag(release, format));
    }

    private static string Tag(PublishedRelease release, string format) =>
        ContentTag.Of(release.Sha256, release.PriorSha256 ?? "first", format, ChangesDocumentVersion);

    /// <summary>The changes as a file against the release before it, as json (default), csv or xlsx: computed once per release and format.</summary>
    public async Task<Answer<ReleaseChangesFile>> FileAsync(ReleaseChangesQuery query, CancellationToken cancellationToken)
    {
        var file = await files.GetAsync(query, ComputeAsync, cancellationToken);
        return file is null ? NotPublished(query.Release.System, query.Release.Effective) : Answer<ReleaseChangesFile>.Of(file);
    }

    private static Refusal NotPublished(CodeSystem system, DateOnly effective) =>
        Refusal.NotFound($"no {system.Name()} release effective {IsoDate.Format(effective)} is published");

    /// <summary>
    /// Null when the stored release is no longer the one the query names (a corrected file is being published). Asked
    /// as known at a past instant, a release still published answers as now (the document of the same two files, its
    /// correction section included); one replaced since answers from the copy kept with it, which has no correction section.
    /// </summary>
    private async Task<ReleaseChangesFile?> ComputeAsync(ReleaseChangesQuery query)
    {
        var (release, format) = query;
        var name = $"{release.System.Name()}-{IsoDate.Format(release.Effective)}-changes{KnownAtFileName.Part(query.KnownAt)}";
        var published = await changes.GetPublishedChangesAsync(release.System, release.Effective, CancellationToken.None);
        if (published is not null && published.Release.Sha256 == release.Sha256 && published.Diff.Prior?.Sha256 == release.PriorSha256)
        {
            var document = ChangeReportDocument.From(published.Diff) with
            {
                Correction = published.Correction is { } correction ? ChangeReportCorrection.From(correction) : null,
                KnownAt = query.KnownAt,
                KnownAsOf = query.KnownAsOf,
            };
            return await RenderAsync(published.Diff, document, name, format);
        }

        if (query.KnownAt is null)
        {
            return null;
        }

        return await changes.GetChangesAsync(release, CancellationToken.None) is { } kept
            ? await RenderAsync(kept, ChangeReportDocument.From(kept) with { KnownAt = query.KnownAt, KnownAsOf = query.KnownAsOf }, name, format)
            : null;
    }

    /// <summary>
    /// The changes, as they were published, of a file published for the date and later replaced (a corrected release took
    /// its place), named by its hash, in the format asked for; tagged by that hash alone, since they never change.
    /// </summary>
    public static Answer<SupersededChangesQuery> SupersededChanges(string? system, string? effective, string? sha256, string? format)
    {
        if (!RequestValues.TrySystem(system, out var codeSystem, out var error))
        {
            return Refusal.Invalid(error);
        }

        if (!IsoDate.TryParse(effective, out var date))
        {
            return Refusal.Invalid($"effective date '{effective}' is not a date: expected yyyy-MM-dd");
        }

        if (sha256 is not { Length: 64 } || !sha256.All(char.IsAsciiHexDigit))
        {
            return Refusal.Invalid($"'{sha256}' is not a SHA-256: expected 64 hexadecimal characters, as the superseded record's sha256 gives it");
        }

        format = (format ?? "json").ToLowerInvariant();
        if (!ChangeFormats.Contains(format))
        {
            return Refusal.Invalid($"format '{format}' is not offered: use json, csv or xlsx");
        }

        var query = new SupersededChangesQuery(codeSystem, date, sha256.ToLowerInvariant(), format);
        return Answer<SupersededChangesQuery>.Of(query, ContentTag.Of(query.Sha256, "superseded", format, ChangesDocumentVersion));
    }

    /// <summary>The replaced file's changes as kept under its hash; 404 when no publication of that file was replaced, or its changes were not kept.</summary>
    public async Task<Answer<ReleaseChangesFile>> SupersededFileAsync(SupersededChangesQuery query, CancellationToken cancellationToken)
    {
        var (system, effective, sha256, format) = query;
        var diff = await changes.GetSupersededChangesAsync(system, effective, sha256, cancellationToken);
        if (diff is null)
        {
            return Refusal.NotFound(
                $"no {system.Name()} file effective {IsoDate.Format(effective)} with SHA-256 {sha256} was published and then replaced with its changes kept; GET /api/releases lists each replaced file's changes link");
        }

        return Answer<ReleaseChangesFile>.Of(await RenderAsync(diff, ChangeReportDocument.From(diff), $"{system.Name()}-{IsoDate.Format(effective)}-{sha256[..12]}-changes", format));
    }

    private static async Task<ReleaseChangesFile> RenderAsync(ReleaseDiffResult diff, ChangeReportDocument document, string name, string format) => format switch
    {
        "csv" => new ReleaseChangesFile(ChangeReportTable.ToCsvFile(diff), "text/csv; charset=utf-8", name + ".csv"),
        "xlsx" => new ReleaseChangesFile(await ChangeReportTable.ToXlsxAsync(diff, CancellationToken.None), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx"),
        _ => new ReleaseChangesFile(Encoding.UTF8.GetBytes(document.ToJson()), "application/json; charset=utf-8", null),
    };
}
