namespace CodeUpdates.Ingestion.Mail;

/// <summary>What the ledger says about one release's mail to one recipient.</summary>
public enum ClaimOutcome
{
    /// <summary>This delivery holds the claim and must send.</summary>
    Claimed,

    /// <summary>The mail went out before: send nothing.</summary>
    AlreadySent,

    /// <summary>Another delivery claimed it less than a lease ago and may be sending right now.</summary>
    InProgress,

    /// <summary>The mail server refused the recipient for good: send nothing.</summary>
    Refused,
}
