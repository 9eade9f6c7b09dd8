using CodeUpdates.Ingestion.ReleaseFiles;

namespace CodeUpdates.Ingestion.Releases;

/// <summary>
/// A release's version rows and its system's head row are written, and its record is about to say
/// published. <see cref="IngestReleaseHandler"/> tells every listener in process and waits for them, so
/// what the record promises (lookups answer the release) already holds on this instance when it says so.
/// <paramref name="PreviousHead"/> is the system's head before this release touched it (null when it had
/// none): a copy of the versions taken at that head becomes current by applying <paramref name="Versions"/>.
/// </summary>
public sealed record ReleasePublished(CodeSystem System, DateOnly Effective, string? PreviousHead, RecomputedVersions Versions);
