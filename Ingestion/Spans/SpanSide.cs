namespace CodeUpdates.Ingestion.Spans;

/// <summary>A code on one end of the span: whether it is valid that day and the text in force (else the nearest version's).</summary>
public sealed record SpanSide(bool Valid, string? LongDescription, string? ShortDescription);
