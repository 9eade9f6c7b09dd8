using CodeUpdates.Ingestion.Versions;

namespace CodeUpdates.Ingestion.Spans;

/// <summary>One code of a code set on a date: its status that day and the text in force (else the nearest version's).</summary>
/// <param name="Release">Effective date of the release the text came from.</param>
public sealed record CodeSetRow(
    string Code,
    string Kind,
    CodeStatus Status,
    string? LongDescription,
    string? ShortDescription,
    DateOnly ValidFrom,
    DateOnly? ValidTo,
    DateOnly Release);
