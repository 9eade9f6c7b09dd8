namespace CodeUpdates.Ingestion.Answers;

/// <summary>Why a request gets no answer: what the caller sent is not valid, or what it asked for does not exist.</summary>
public enum RefusalKind
{
    Invalid,
    NotFound,
}
