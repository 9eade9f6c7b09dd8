namespace CodeUpdates.Ingestion.Answers;

/// <summary>
/// Why a request gets no answer: what the caller sent is not valid, what it asked for does not exist,
/// what it sent is more than a route takes, or is in a form the route cannot read.
/// </summary>
public enum RefusalKind
{
    Invalid,
    NotFound,
    TooLarge,
    UnsupportedMediaType,
}
