using CodeUpdates.Ingestion.Lookup;
using CodeUpdates.Ingestion.ReleaseFiles;

namespace CodeUpdates.Ingestion.Fhir;

/// <summary>The published releases of each system, oldest first: the versions of the FHIR code systems.</summary>
public interface ICodeSystemReleases
{
    /// <param name="index">The versions being answered from; the list returned belongs to the same releases.</param>
    ValueTask<IReadOnlyList<CodeSystemRelease>> ListAsync(CodeSystem system, IVersionIndex index, CancellationToken cancellationToken);
}
