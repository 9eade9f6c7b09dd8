namespace CodeUpdates.Ingestion.ReleaseFiles;

/// <summary>
/// One code as a release file states it. Descriptor texts are stored as the file gives them
/// (continuation lines already joined); comparisons use <see cref="TextNormalizer"/>.
/// </summary>
/// <param name="Code">The code, upper case, trimmed (for HCPCS modifiers the 2-character form).</param>
/// <param name="Kind">Procedure or modifier.</param>
/// <param name="Descriptors">Descriptor texts keyed by <see cref="DescriptorKind"/>.</param>
/// <param name="AddDate">HCPCS ADD DT.</param>
/// <param name="ActionEffectiveDate">HCPCS ACT EFF DT.</param>
/// <param name="TerminationDate">HCPCS TERM DT: the last day the code is valid.</param>
/// <param name="ActionCode">HCPCS ACTION CD (relative to CMS's previous quarterly file).</param>
/// <param name="SequenceNumber">HCPCS SEQNUM.</param>
/// <param name="CrossReferences">HCPCS XREF1–XREF5, blanks removed: the codes to use instead.</param>
/// <param name="Administrative">
/// Every other CMS field keyed by its CMS column name (PRICE1, MULT_PI, CIM1, ..., ASC_DT, BETOS,
/// TOS1, ANEST_BU); dates as yyyy-MM-dd, blanks left out.
/// </param>
public sealed record CodeRecord(
    string Code,
    CodeKind Kind,
    IReadOnlyDictionary<string, string> Descriptors,
    DateOnly? AddDate = null,
    DateOnly? ActionEffectiveDate = null,
    DateOnly? TerminationDate = null,
    string? ActionCode = null,
    int? SequenceNumber = null,
    IReadOnlyList<string>? CrossReferences = null,
    IReadOnlyDictionary<string, string>? Administrative = null)
{
    public IReadOnlyList<string> CrossReferences { get; init; } = CrossReferences ?? [];

    public IReadOnlyDictionary<string, string> Administrative { get; init; } =
        Administrative ?? new Dictionary<string, string>();

    public string? LongDescription => Descriptors.GetValueOrDefault(DescriptorKind.Long);

    public string? ShortDescription => Descriptors.GetValueOrDefault(DescriptorKind.Short);

    /// <summary>The kind a code's length implies: HCPCS and CPT modifiers are 2 characters.</summary>
    public static CodeKind KindOf(string code) => code.Length == 2 ? CodeKind.Modifier : CodeKind.Procedure;
}
