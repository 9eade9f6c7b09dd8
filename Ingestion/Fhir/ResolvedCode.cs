using CodeUpdates.Ingestion.Lookup;
using Hl7.Fhir.Model;
using CodeSystem = CodeUpdates.Ingestion.ReleaseFiles.CodeSystem;

namespace CodeUpdates.Ingestion.Fhir;

/// <summary>A code system, a code and a date resolved to the JSON API's answer, or why not.</summary>
/// <param name="Error">The answer to send instead, when the system, code, version or date cannot be used.</param>
/// <param name="Answer">Null for a code the system (or the pinned version) does not have; <paramref name="UnknownReason"/> says so.</param>
internal sealed record ResolvedCode(FhirAnswer? Error, CodeSystem System, CodeAnswer? Answer, CodeSystemRelease? Release, string UnknownReason)
{
    /// <summary>Set, with <see cref="Error"/>, when the version asked for is not the one <c>check-system-version</c> requires.</summary>
    public string? VersionConflict { get; init; }

    /// <summary>The instant the code was asked as known at (the <c>knownAt</c> parameter); null for the present.</summary>
    public DateTimeOffset? KnownAt { get; init; }

    /// <summary>With <see cref="KnownAt"/>: when the release the system answered from at that instant was published; null when none was yet.</summary>
    public DateTimeOffset? KnownAsOf { get; init; }

    /// <summary>Says which state answered, as the JSON API's <c>knownAt</c> and <c>knownAsOf</c>: output parameters of those names (dateTime).</summary>
    public void AddKnownAt(Parameters output)
    {
        if (KnownAt is { } at)
        {
            output.Add("knownAt", new FhirDateTime(at));
        }

        if (KnownAsOf is { } asOf)
        {
            output.Add("knownAsOf", new FhirDateTime(asOf));
        }
    }
}
