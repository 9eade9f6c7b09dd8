namespace CodeUpdates.Ingestion.Fhir;

/// <summary>The release a request pins (null: the one in force on the service date), or why it cannot be used.</summary>
/// <param name="Release">The pinned release; null when nothing pins one.</param>
/// <param name="Error">The answer to send instead: a malformed pin (400) or a version not loaded (404).</param>
/// <param name="Conflict">Set when the version asked for differs from the one <c>check-system-version</c> requires.</param>
internal sealed record ReleasePin(CodeSystemRelease? Release, FhirAnswer? Error, string? Conflict)
{
    public static readonly ReleasePin InForce = new(null, null, null);
}
