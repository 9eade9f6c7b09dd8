namespace CodeUpdates.Ingestion.Versions;

/// <summary>The as-of answer for one code on one date.</summary>
/// <param name="Version">The version whose text answers: the one in force on the date, else the nearest.</param>
public sealed record AsOfAnswer(CodeStatus Status, CodeVersion Version)
{
    public bool Valid => Status == CodeStatus.Active;

    /// <summary>
    /// Picks the status and the text for <paramref name="date"/> from a code's versions (oldest first).
    /// Before the first text's start the first text applies; after the last, the last.
    /// </summary>
    public static AsOfAnswer For(IReadOnlyList<CodeVersion> versions, DateOnly date) =>
        At(versions, IndexAt(versions, date), date);

    /// <summary>The index of the version whose text answers for <paramref name="date"/>.</summary>
    internal static int IndexAt(IReadOnlyList<CodeVersion> versions, DateOnly date)
    {
        if (versions.Count == 0)
        {
            throw new ArgumentException("a code with no versions has no answer", nameof(versions));
        }

        var index = 0;
        for (var i = 1; i < versions.Count && versions[i].Start <= date; i++)
        {
            index = i;
        }

        return index;
    }

    /// <summary>The answer on <paramref name="date"/> given the version <see cref="IndexAt"/> chose.</summary>
    internal static AsOfAnswer At(IReadOnlyList<CodeVersion> versions, int index, DateOnly date)
    {
        var version = versions[index];
        return new AsOfAnswer(StatusOn(version, date), version);
    }

    /// <summary>The code's status on <paramref name="date"/> (validity is the same on every version of a code).</summary>
    internal static CodeStatus StatusOn(CodeVersion version, DateOnly date) =>
        date < version.ValidFrom ? CodeStatus.NotYetEffective
            : version.ValidTo is { } to && date > to ? CodeStatus.Terminated
            : CodeStatus.Active;
}
