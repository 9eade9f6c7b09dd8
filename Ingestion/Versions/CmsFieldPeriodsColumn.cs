using System.Text.Json;
using CodeUpdates.Ingestion.ReleaseFiles;

namespace CodeUpdates.Ingestion.Versions;

/// <summary>
/// A version's <see cref="CodeVersion.FieldPeriods"/> as one compact JSON column of its version row:
/// <c>{"2018-01-01":{"PRICE1":"13","COV":"C",...},...}</c>, periods oldest first, fields in layout order.
/// The same periods always give the same text, so the row hash changes only when the fields do.
/// </summary>
internal static class CmsFieldPeriodsColumn
{
    public static string Format(IReadOnlyList<CmsFieldPeriod> periods)
    {
        var column = new Dictionary<string, IReadOnlyDictionary<string, string>>(periods.Count, StringComparer.Ordinal);
        foreach (var period in periods)
        {
            column[IsoDate.Format(period.Start)] = period.Fields;
        }

        return JsonSerializer.Serialize(column);
    }

    /// <summary>The periods a column holds; none for a row written without the column.</summary>
    public static IReadOnlyList<CmsFieldPeriod> Parse(string? column)
    {
        if (string.IsNullOrEmpty(column))
        {
            return [];
        }

        var periods = new List<CmsFieldPeriod>();
        foreach (var (start, fields) in JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(column) ?? [])
        {
            periods.Add(new CmsFieldPeriod(
                IsoDate.ParseOrNull(start) ?? throw new InvalidDataException($"a CMS field period starts on '{start}', not a yyyy-MM-dd date"),
                CmsFields.Of(fields)));
        }

        return periods.OrderBy(p => p.Start).ToArray();
    }
}
