namespace CodeUpdates.Ingestion.Lookup;

public sealed record LookupResponse(IReadOnlyList<object> Results);
