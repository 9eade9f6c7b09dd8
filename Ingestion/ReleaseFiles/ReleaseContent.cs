namespace CodeUpdates.Ingestion.ReleaseFiles;

/// <summary>What a reader found in one release file (or zip): the codes and which descriptors the file carries.</summary>
public sealed record ReleaseContent(CodeSystem System, IReadOnlyList<string> DescriptorKinds, IReadOnlyList<CodeRecord> Codes)
{
    /// <summary>Fields whose control characters reading dropped, or null when none had any.</summary>
    public ControlCharacters? ControlCharacters { get; init; }
}
