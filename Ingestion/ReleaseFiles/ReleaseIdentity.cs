namespace CodeUpdates.Ingestion.ReleaseFiles;

/// <summary>Who a release is: its code system, the day it takes effect, where it came from and the SHA-256 of its bytes.</summary>
public sealed record ReleaseIdentity(CodeSystem System, DateOnly Effective, string Source, string Sha256);
