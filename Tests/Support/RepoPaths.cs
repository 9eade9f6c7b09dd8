namespace CodeUpdates.Tests.Support;

/// <summary>Locates the repository and the shared CMS data beside it (../shared in a checkout and in CI).</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The real CMS HCPCS releases: ../shared/data/cms-hcpcs.</summary>
    public static string CmsHcpcs { get; } = Path.GetFullPath(Path.Combine(Root, "..", "shared", "data", "cms-hcpcs"));

    public static string Cms(string relative) => Path.Combine(CmsHcpcs, relative);

    public static string Fixture(string relative) => Path.Combine(AppContext.BaseDirectory, "Fixtures", relative);

    /// <summary>The built <c>codeupdates</c> program, in the configuration this test assembly was built in (bin/Debug or bin/Release).</summary>
    public static string CliDll { get; } = Path.Combine(
        Root, "Cli", "bin", new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name, "net10.0", "codeupdates.dll");

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
