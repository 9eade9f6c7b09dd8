using CodeUpdates.Ingestion.ReleaseFiles;

namespace CodeUpdates.Ingestion.Spans;

/// <summary>A span asked for: the system, the service dates (<see cref="From"/> before <see cref="To"/>) and the format.</summary>
public sealed record SpanQuery(CodeSystem System, DateOnly From, DateOnly To, string Format);
