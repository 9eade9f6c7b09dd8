using CodeUpdates.Ingestion.Diff;
using CodeUpdates.Ingestion.ReleaseFiles;
using BenchmarkDotNet.Attributes;

namespace CodeUpdates.Benchmarks;

/// <summary>The real CMS HCPCS files in ../shared, beside the repository.</summary>
internal static class CmsData
{
    public static ReleaseFile Load(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CodeUpdates.sln")))
            {
                var path = Path.Combine(dir.FullName, "..", "shared", "data", "cms-hcpcs", relative);
                return new ReleaseFile(relative, File.ReadAllBytes(path));
            }
        }

        throw new InvalidOperationException("CodeUpdates.sln not found above " + AppContext.BaseDirectory);
    }
}
