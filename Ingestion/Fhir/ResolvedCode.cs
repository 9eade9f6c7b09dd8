using CodeUpdates.Ingestion.Lookup;
using CodeSystem = CodeUpdates.Ingestion.ReleaseFiles.CodeSystem;

namespace CodeUpdates.Ingestion.Fhir;

/// <summary>A code system, a code and a date resolved to the JSON API's answer, or why not.</summary>
/// <param name="Error">The answer to send instead, when the system, code, version or date cannot be used.</param>
/// <param name="Answer">Null for a code the system (or the pinned version) does not have; <paramref name="UnknownReason"/> says so.</param>
internal sealed record ResolvedCode(FhirAnswer? Error, CodeSystem System, CodeAnswer? Answer, CodeSystemRelease? Release, string UnknownReason)
{
    /// <summary>Set, with <see cref="Error"/>, when the version asked for is not the one <c>check-system-version</c> requires.</summary>
    public string? VersionConflict { get; init; }
}
