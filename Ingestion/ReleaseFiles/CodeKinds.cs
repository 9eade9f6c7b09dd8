namespace CodeUpdates.Ingestion.ReleaseFiles;

public static class CodeKinds
{
    /// <summary>"procedure" or "modifier", as the API, reports and tables write it.</summary>
    public static string Name(this CodeKind kind) => kind == CodeKind.Modifier ? "modifier" : "procedure";

    public static CodeKind Parse(string? name) => name == "modifier" ? CodeKind.Modifier : CodeKind.Procedure;
}
