using CodeUpdates.Ingestion.Lookup;

namespace CodeUpdates.Ingestion.Fhir;

/// <summary><c>GET CodeSystem/{id}</c>, the id being <c>{system}-{effective}</c>.</summary>
internal sealed class CodeSystemRead(IVersionSource versions, ICodeSystemReleases releases)
{
    public async Task<FhirAnswer> RunAsync(string? id, string? baseUrl, CancellationToken cancellationToken)
    {
        if (FhirCodeSystems.TryParseResourceId(id, out var system, out var effective))
        {
            var index = await versions.GetAsync(cancellationToken);
            var release = (await releases.ListAsync(system, index, cancellationToken)).FirstOrDefault(r => r.Effective == effective);
            if (release is not null)
            {
                return FhirAnswer.Ok(CodeSystemResource.Of(release, baseUrl));
            }
        }

        return FhirAnswer.NotFound($"CodeSystem/{id} is not known: ids are a system and a loaded release's effective date, for example hcpcs-2019-01-01");
    }
}
