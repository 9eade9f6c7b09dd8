using System.Text;
using System.Text.Json;
using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Ingestion.Reports;
using CodeUpdates.Ingestion.Storage;

namespace CodeUpdates.Ingestion.Answers;

/// <summary>The body of <c>GET /api/releases</c>.</summary>
public sealed record ReleaseList(IReadOnlyList<ReleaseRecord> Releases);

/// <summary>A release's changes in the format asked for; <see cref="FileName"/> is set for the downloadable formats.</summary>
public sealed record ReleaseChangesFile(byte[] Content, string ContentType, string? FileName);

/// <summary>What was loaded, what was rejected and why, and each published release's changes.</summary>
public sealed class ReleaseCatalog(ReleaseStore releases, IReleaseChangesSource changes)
{
    public static readonly IReadOnlyList<string> ChangeFormats = ["json", "csv", "xlsx"];

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

    /// <summary>A published release's changes against the release before it, as json (default), csv or xlsx.</summary>
    public async Task<Answer<ReleaseChangesFile>> ChangesAsync(string? system, string? effective, string? format, CancellationToken cancellationToken)
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

        var published = await changes.GetPublishedChangesAsync(codeSystem, date, cancellationToken);
        if (published is null)
        {
            return Refusal.NotFound($"no {codeSystem.Name()} release effective {IsoDate.Format(date)} is published");
        }

        var diff = published.Diff;
        var name = $"{codeSystem.Name()}-{IsoDate.Format(date)}-changes";
        var file = format switch
        {
            "csv" => new ReleaseChangesFile(Encoding.UTF8.GetBytes(ChangeReportTable.ToCsv(diff)), "text/csv; charset=utf-8", name + ".csv"),
            "xlsx" => new ReleaseChangesFile(await ChangeReportTable.ToXlsxAsync(diff, cancellationToken), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx"),
            _ => new ReleaseChangesFile(Encoding.UTF8.GetBytes(ChangeReportDocument.From(diff).ToJson()), "application/json; charset=utf-8", null),
        };
        return Answer<ReleaseChangesFile>.Of(file, ContentTag.Of(published.Release.Sha256, diff.Prior?.Sha256 ?? "first", format));
    }
}
