namespace CodeUpdates.Ingestion.ReleaseFiles;

public static class CodeSystems
{
    public static string Name(this CodeSystem system) => system switch
    {
        CodeSystem.Hcpcs => "hcpcs",
        CodeSystem.Cpt => "cpt",
        _ => throw new ArgumentOutOfRangeException(nameof(system), system, null),
    };

    public static bool TryParse(string? value, out CodeSystem system)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case "hcpcs":
                system = CodeSystem.Hcpcs;
                return true;
            case "cpt":
                system = CodeSystem.Cpt;
                return true;
            default:
                system = default;
                return false;
        }
    }
}
