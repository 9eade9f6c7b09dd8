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
/// <remarks>
/// A code's CMS fields can change without its text changing, so they are not a version's own:
/// <see cref="FieldPeriods"/> holds every field period that is in force at some day of this version.
/// </remarks>
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
    bool Reused = false)
{
    /// <summary>
    /// The CMS field periods in force during this text, oldest first: the one in force on <see cref="Start"/>
    /// (for the first version, possibly the code's first, which starts later) and every one starting before
    /// the next version does; empty for a system without CMS fields.
    /// </summary>
    public IReadOnlyList<CmsFieldPeriod> FieldPeriods { get; init; } = [];

    /// <summary>The CMS fields in force on <paramref name="date"/> (DESIGN.md "HTTP API").</summary>
    public IReadOnlyDictionary<string, string> CmsFieldsOn(DateOnly date) => CmsFields.InForce(FieldPeriods, date);
}
