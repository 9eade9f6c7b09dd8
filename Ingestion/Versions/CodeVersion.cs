using CodeUpdates.Ingestion.ReleaseFiles;

namespace CodeUpdates.Ingestion.Versions;

/// <summary>
/// One period in which a code carried one text. The code-level validity (ValidFrom, ValidTo,
/// TerminationDate, ReplacedBy) is the same on every version of a code: it comes from the
/// latest release that has the code.
/// </summary>
/// <param name="Start">First day this text applies. The first version starts at the earlier of the code's ValidFrom and its first release.</param>
/// <param name="End">Last day this text applies; null while open.</param>
/// <param name="Release">Effective date of the release this text came from.</param>
/// <param name="ValidFrom">First day the code is valid.</param>
/// <param name="ValidTo">Last day the code is valid (inclusive); null while open.</param>
/// <param name="Reused">This text starts a new meaning: CMS added the code again over other text (<see cref="CmsActionCodes.IsReused"/>).</param>
public sealed record CodeVersion(
    CodeSystem System,
    string Code,
    CodeKind Kind,
    DateOnly Start,
    DateOnly? End,
    IReadOnlyDictionary<string, string> Descriptors,
    DateOnly Release,
    DateOnly ValidFrom,
    DateOnly? ValidTo,
    DateOnly? TerminationDate,
    IReadOnlyList<string> ReplacedBy,
    bool Reused = false);
