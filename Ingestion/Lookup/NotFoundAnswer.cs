namespace CodeUpdates.Ingestion.Lookup;

/// <summary>A batch line whose code is unknown or malformed.</summary>
public sealed record NotFoundAnswer(string? System, string? Code, string? Date, string? Error)
{
    public bool Found => false;
}
