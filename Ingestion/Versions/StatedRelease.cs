namespace CodeUpdates.Ingestion.Versions;

/// <summary>One loaded release as <see cref="ReleaseStatements"/> knows it.</summary>
public sealed record StatedRelease(DateOnly Effective, string Sha256, IReadOnlyList<string> DescriptorKinds);
