namespace CodeUpdates.Ingestion.Spans;

public static class SpanChangeKinds
{
    /// <summary>The name the JSON, CSV and xlsx answers use.</summary>
    public static string Name(this SpanChangeKind kind) => kind.ToString().ToLowerInvariant();
}
