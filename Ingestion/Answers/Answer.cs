using System.Diagnostics.CodeAnalysis;

namespace CodeUpdates.Ingestion.Answers;

/// <summary>
/// What a query of the API answers, free of any web framework: the value (with the tag of its
/// representation when it can be cached), or the refusal. Hosts map it to their HTTP results.
/// </summary>
public sealed record Answer<T>
    where T : notnull
{
    private Answer(T? value, string? tag, Refusal? refusal)
    {
        Value = value;
        Tag = tag;
        Refusal = refusal;
    }

    public T? Value { get; }

    /// <summary>A strong entity tag (see <see cref="ContentTag"/>) when the answer may be cached and revalidated.</summary>
    public string? Tag { get; }

    public Refusal? Refusal { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Refusal))]
    public bool Found => Refusal is null;

    public static Answer<T> Of(T value, string? tag = null) => new(value, tag, null);

    public static implicit operator Answer<T>(Refusal refusal) => new(default, null, refusal);
}
