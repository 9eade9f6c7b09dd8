namespace CodeUpdates.Ingestion.ReleaseFiles;

/// <summary>
/// Names of the descriptor texts a release can carry. HCPCS carries long and short; CPT files
/// carry any of long, medium, short, consumer and clinician.
/// </summary>
public static class DescriptorKind
{
    public const string Long = "long";
    public const string Medium = "medium";
    public const string Short = "short";
    public const string Consumer = "consumer";
    public const string Clinician = "clinician";

    /// <summary>All kinds in the order reports list them.</summary>
    public static readonly IReadOnlyList<string> All = [Long, Medium, Short, Consumer, Clinician];
}
