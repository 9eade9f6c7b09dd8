namespace CodeUpdates.Ingestion.Releases;

/// <summary>The body of <c>GET /api/releases</c>.</summary>
public sealed record ReleaseList(IReadOnlyList<ReleaseRecord> Releases);
