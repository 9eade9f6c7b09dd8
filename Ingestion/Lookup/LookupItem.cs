namespace CodeUpdates.Ingestion.Lookup;

public sealed record LookupItem(string? System, string? Code, string? Date);
