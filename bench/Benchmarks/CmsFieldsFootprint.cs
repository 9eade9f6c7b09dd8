using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using CodeUpdates.Ingestion.Lookup;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Versions;

namespace CodeUpdates.Benchmarks;

/// <summary>
/// What carrying the CMS lookup fields costs, on the real CMS 2017, 2018, 2019 .txt and October 2025 .xlsx:
/// the gzipped statements blob and the retained memory of the statements and of the lookup cache's versions
/// (read back from version rows, as <c>VersionCache</c> holds them), with the fields and with every
/// administrative field stripped from the releases (the versions as they were before they carried fields).
/// </summary>
internal static class CmsFieldsFootprint
{
    private static readonly string[] Files =
    [
        "2017/HCPC17_CONTR_ANWEB.txt", "2018/HCPC2018_CONTR_ANWEB_disc.txt", "2019/HCPC2019_CONTR_ANWEB.txt", "2025/HCPC2025_OCT_ANWEB.xlsx",
    ];

    // As ReleaseStatementsStore writes the blob (its options are internal to Ingestion).
    private static readonly JsonSerializerOptions StoreJson = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static void Run()
    {
        var snapshots = Files.Select(f => ReleaseReader.Read(CmsData.Load(f))).ToArray();
        var stripped = snapshots
            .Select(s => new ReleaseSnapshot(s.Identity, s.DescriptorKinds, s.Codes.Select(c => c with { Administrative = new Dictionary<string, string>() })))
            .ToArray();

        Console.WriteLine($"{"",-16} {"statements .json.gz",20} {"statements in memory",21} {"VersionCache versions",22} {"codes",6} {"versions",9}");
        Measure("without fields", stripped);
        Measure("with fields", snapshots);
    }

    private static void Measure(string label, ReleaseSnapshot[] snapshots)
    {
        var baseline = Retained();
        var statements = new ReleaseStatements(CodeSystem.Hcpcs);
        foreach (var snapshot in snapshots)
        {
            statements.Apply(snapshot);
        }

        var statementsBytes = Retained() - baseline;
        long blob;
        using (var buffer = new MemoryStream())
        {
            using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            {
                JsonSerializer.Serialize(gzip, statements.ToDocument(), StoreJson);
            }

            blob = buffer.Length;
        }

        // The version rows are built and dropped inside the measured span, so only what the cache keeps counts.
        var beforeCache = Retained();
        var rows = statements.Codes.SelectMany(statements.Versions).Select(VersionStore.ToEntity).ToList();
        var cache = new SystemVersions("bench", rows.Select(r => VersionStore.FromEntity(CodeSystem.Hcpcs, r)).GroupBy(v => v.Code).Select(g => g.OrderBy(v => v.Start).ToArray()));
        rows.Clear();
        var cacheBytes = Retained() - beforeCache;
        Console.WriteLine($"{label,-16} {Mb(blob),20} {Mb(statementsBytes),21} {Mb(cacheBytes),22} {cache.Ordered.Count,6} {cache.Ordered.Sum(c => c.Count),9}");
        GC.KeepAlive(cache);
        GC.KeepAlive(statements);
    }

    private static long Retained()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static string Mb(long bytes) => $"{bytes / 1024.0 / 1024.0:F2} MB";
}
