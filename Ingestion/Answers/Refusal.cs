namespace CodeUpdates.Ingestion.Answers;

/// <summary>A refused request, in words for the caller: hosts show it as problem details.</summary>
public sealed record Refusal(RefusalKind Kind, string Title, string Detail)
{
    public static Refusal Invalid(string detail, string title = "Bad request") => new(RefusalKind.Invalid, title, detail);

    public static Refusal NotFound(string detail, string title = "Not found") => new(RefusalKind.NotFound, title, detail);

    public static Refusal TooLarge(string detail, string title = "Request too large") => new(RefusalKind.TooLarge, title, detail);

    public static Refusal UnsupportedMediaType(string detail, string title = "Unsupported media type") => new(RefusalKind.UnsupportedMediaType, title, detail);
}
