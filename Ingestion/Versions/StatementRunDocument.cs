using System.Collections.Frozen;
using CodeUpdates.Ingestion.ReleaseFiles;

namespace CodeUpdates.Ingestion.Versions;

/// <summary>The releases at positions <paramref name="From"/> to <paramref name="To"/> (inclusive, in effective order) all state this about the code.</summary>
/// <param name="ActionCode">A when CMS states the code added in these releases (what marks a reused code), else null.</param>
/// <param name="CmsFields">The lookup fields (<see cref="Versions.CmsFields"/>); absent when the code has none.</param>
public sealed record StatementRunDocument(
    int From,
    int To,
    string Kind,
    IReadOnlyDictionary<string, string> Descriptors,
    DateOnly? AddDate,
    DateOnly? ActionEffectiveDate,
    DateOnly? TerminationDate,
    IReadOnlyList<string>? ReplacedBy,
    string? ActionCode = null,
    IReadOnlyDictionary<string, string>? CmsFields = null)
{
    public CodeRecord ToRecord(string code) => new(
        code, CodeKinds.Parse(Kind), Descriptors, AddDate, ActionEffectiveDate, TerminationDate,
        ActionCode: ActionCode, CrossReferences: ReplacedBy ?? [], Administrative: CmsFields is null ? FrozenDictionary<string, string>.Empty : Versions.CmsFields.Of(CmsFields));
}
