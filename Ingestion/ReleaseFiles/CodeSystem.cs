namespace CodeUpdates.Ingestion.ReleaseFiles;

/// <summary>The code systems a release can belong to. The lower-case name is used in blob paths, table keys and URLs.</summary>
public enum CodeSystem
{
    Hcpcs,
    Cpt,
}

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

/// <summary>Whether a code is a procedure (5 characters) or a modifier (2 characters).</summary>
public enum CodeKind
{
    Procedure,
    Modifier,
}

public static class CodeKinds
{
    /// <summary>"procedure" or "modifier", as the API, reports and tables write it.</summary>
    public static string Name(this CodeKind kind) => kind == CodeKind.Modifier ? "modifier" : "procedure";

    public static CodeKind Parse(string? name) => name == "modifier" ? CodeKind.Modifier : CodeKind.Procedure;
}
