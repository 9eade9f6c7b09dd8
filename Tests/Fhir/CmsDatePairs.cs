using CodeUpdates.Ingestion.Fhir;
using CodeUpdates.Ingestion.Lookup;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Search;
using CodeUpdates.Tests.Support;
using Hl7.Fhir.Model;
using FhirCodeSystem = Hl7.Fhir.Model.CodeSystem;
using Task = System.Threading.Tasks.Task;
using CodeSystem = CodeUpdates.Ingestion.ReleaseFiles.CodeSystem;

namespace CodeUpdates.Tests.Fhir;

/// <summary>(code, date) pairs at the edges that matter: around ADD DT, TERM DT and each text change.</summary>
public static class CmsDatePairs
{
    /// <summary>For up to <paramref name="perKind"/> codes of each kind of edge, the day before, the day of and the day after it.</summary>
    public static IEnumerable<(string Code, DateOnly Date)> Around(IVersionIndex index, int perKind)
    {
        var codes = index.Codes(CodeSystem.Hcpcs);
        var added = codes.Where(v => v[0].ValidFrom >= new DateOnly(2017, 6, 1)).Take(perKind).Select(v => (v[0].Code, v[0].ValidFrom));
        var ended = codes.Where(v => v[^1].ValidTo is not null).Take(perKind).Select(v => (v[0].Code, v[^1].ValidTo!.Value));
        var retexted = codes.Where(v => v.Count > 1).Take(perKind).Select(v => (v[0].Code, v[^1].Start));
        return added.Concat(ended).Concat(retexted)
            .SelectMany(edge => new[] { edge.Item2.AddDays(-1), edge.Item2, edge.Item2.AddDays(1) }.Select(d => (edge.Code, d)))
            .Distinct();
    }
}
