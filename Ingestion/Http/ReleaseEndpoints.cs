using System.Text;
using CodeUpdates.Ingestion.Reports;
using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Ingestion.Storage;
using Microsoft.AspNetCore.Http;

namespace CodeUpdates.Ingestion.Http;

/// <summary>Release records and their change lists.</summary>
public static class ReleaseEndpoints
{
    /// <summary><c>GET /api/releases[?system=]</c>: every release and rejected file with its status, counts and hash.</summary>
    public static async Task<IResult> ListAsync(ReleaseStore releases, string? system, string? ifNoneMatch, CancellationToken cancellationToken)
    {
        CodeSystem? filter = null;
        if (!string.IsNullOrEmpty(system))
        {
            if (!RequestValues.TrySystem(system, out var parsed, out var error))
            {
                return ApiResults.BadRequest(error);
            }

            filter = parsed;
        }

        var records = await releases.ListAsync(filter, cancellationToken);

        // The list changes with every drop, so its tag is its content: pollers get 304 until something happened.
        var body = System.Text.Json.JsonSerializer.Serialize(new { releases = records }, ApiResults.Json);
        return ApiResults.WithETag(Results.Text(body, "application/json; charset=utf-8"), ApiResults.ETag(body), ifNoneMatch);
    }

    /// <summary><c>GET /api/releases/{system}/{effective}/changes[?format=json|csv|xlsx]</c>.</summary>
    public static async Task<IResult> ChangesAsync(
        IReleaseChangesSource changes, string system, string effective, string? format, string? ifNoneMatch, CancellationToken cancellationToken)
    {
        if (!RequestValues.TrySystem(system, out var codeSystem, out var error))
        {
            return ApiResults.BadRequest(error);
        }

        if (!IsoDate.TryParse(effective, out var date))
        {
            return ApiResults.BadRequest($"effective date '{effective}' is not a date: expected yyyy-MM-dd");
        }

        format = (format ?? "json").ToLowerInvariant();
        if (format is not ("json" or "csv" or "xlsx"))
        {
            return ApiResults.BadRequest($"format '{format}' is not offered: use json, csv or xlsx");
        }

        var published = await changes.GetPublishedChangesAsync(codeSystem, date, cancellationToken);
        if (published is null)
        {
            return ApiResults.NotFound($"no {codeSystem.Name()} release effective {date:yyyy-MM-dd} is published");
        }

        var diff = published.Diff;
        var etag = ApiResults.ETag(published.Release.Sha256, diff.Prior?.Sha256 ?? "first", format);
        var name = $"{codeSystem.Name()}-{date:yyyy-MM-dd}-changes";
        IResult result = format switch
        {
            "csv" => Results.File(Encoding.UTF8.GetBytes(ChangeReportTable.ToCsv(diff)), "text/csv; charset=utf-8", name + ".csv"),
            "xlsx" => Results.File(await ChangeReportTable.ToXlsxAsync(diff, cancellationToken), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx"),
            _ => Results.Text(ChangeReportDocument.From(diff).ToJson(), "application/json; charset=utf-8"),
        };
        return ApiResults.WithETag(result, etag, ifNoneMatch);
    }
}
