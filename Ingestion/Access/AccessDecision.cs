namespace CodeUpdates.Ingestion.Access;

/// <summary>The outcome for one call, with the caller when there is one and, when refused, why in words for the caller.</summary>
public sealed record AccessDecision(AccessOutcome Outcome, Caller? Caller, string? Detail)
{
    public bool Allowed => Outcome == AccessOutcome.Allowed;
}
