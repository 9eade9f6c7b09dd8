using CodeUpdates.Ingestion.Lookup;
using CodeSystem = CodeUpdates.Ingestion.ReleaseFiles.CodeSystem;

namespace CodeUpdates.Ingestion.Fhir;

/// <summary><c>GET metadata</c>: the CapabilityStatement, or with <c>mode=terminology</c> the TerminologyCapabilities.</summary>
internal sealed class MetadataOperation(IVersionSource versions, ICodeSystemReleases releases, TimeProvider time, FhirServerSecurity security)
{
    public async Task<FhirAnswer> RunAsync(string? mode, string baseUrl, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(mode) || mode == "full")
        {
            return FhirAnswer.Ok(FhirCapabilities.Statement(baseUrl, time.Now(), security));
        }

        if (mode != "terminology")
        {
            return FhirAnswer.Invalid($"mode '{mode}' is not offered: use mode=terminology or no mode");
        }

        var index = await versions.GetAsync(cancellationToken);
        var bySystem = new Dictionary<CodeSystem, IReadOnlyList<CodeSystemRelease>>();
        foreach (var system in FhirCodeSystems.All)
        {
            bySystem[system] = await releases.ListAsync(system, index, cancellationToken);
        }

        return FhirAnswer.Ok(FhirCapabilities.Terminology(baseUrl, time.Now(), bySystem));
    }
}
