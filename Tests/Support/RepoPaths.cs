namespace CodeUpdates.Tests.Support;

/// <summary>Locates the repository and the shared CMS data beside it (../shared in a checkout and in CI).</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The real CMS HCPCS releases: ../shared/data/cms-hcpcs.</summary>
    public static string CmsHcpcs { get; } = Path.GetFullPath(Path.Combine(Root, "..", "shared", "data", "cms-hcpcs"));

    public static string Cms(string relative) => Path.Combine(CmsHcpcs, relative);

    /// <summary>The samples the run command drops: the real CMS HCPCS zips and the invented CPT releases the tests share.</summary>
    public static string Sample(string relative) => Path.Combine(Root, "samples", relative);

    public static string Fixture(string relative) => Path.Combine(AppContext.BaseDirectory, "Fixtures", relative);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CodeUpdates.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("CodeUpdates.sln not found above " + AppContext.BaseDirectory);
    }
}
