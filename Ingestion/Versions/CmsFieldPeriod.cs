namespace CodeUpdates.Ingestion.Versions;

/// <summary>
/// The CMS fields a code carried from <paramref name="Start"/> (the effective date of the release
/// that first stated them) until the next period of the code starts.
/// </summary>
/// <param name="Fields">Keyed by CMS name (<see cref="CmsFields.Names"/>), in layout order, blanks left out.</param>
public sealed record CmsFieldPeriod(DateOnly Start, IReadOnlyDictionary<string, string> Fields);
