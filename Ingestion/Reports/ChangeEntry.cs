using System.Text.Json;
using System.Text.Json.Serialization;
using CodeUpdates.Ingestion.Diff;
using CodeUpdates.Ingestion.ReleaseFiles;

namespace CodeUpdates.Ingestion.Reports;

/// <summary>One code's change as reports show it.</summary>
public sealed record ChangeEntry(
    string Code,
    string Kind,
    string Change,
    string? Reason,
    bool? New,
    IReadOnlyList<string>? Fields,
    string? TerminationDate,
    IReadOnlyList<string>? ReplacedBy,
    IReadOnlyDictionary<string, string>? Before,
    IReadOnlyDictionary<string, string>? After,
    IReadOnlyList<TextRevision>? TextRevisions,
    IReadOnlyList<FieldRevision>? FieldRevisions)
{
    /// <summary>True when CMS reused the code with a new meaning; omitted otherwise.</summary>
    public bool? Reused { get; init; }

    public static ChangeEntry From(CodeChange change) => new(
        change.Code,
        change.Kind.Name(),
        ChangeName(change.Change),
        change.Reason,
        change.New ? true : null,
        change.Fields.Count > 0 ? change.Fields : null,
        IsoDate.Format(change.TerminationDate),
        change.ReplacedBy.Count > 0 ? change.ReplacedBy : null,
        change.Before?.Descriptors,
        change.After?.Descriptors,
        change.TextRevisions.Count > 0 ? change.TextRevisions : null,
        change.FieldRevisions.Count > 0 ? change.FieldRevisions : null)
    {
        Reused = change.Reused == true ? true : null,
    };

    public static string ChangeName(ChangeType type) => type.ToString().ToLowerInvariant();
}
