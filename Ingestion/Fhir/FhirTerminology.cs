using CodeUpdates.Ingestion.Lookup;

namespace CodeUpdates.Ingestion.Fhir;

/// <summary>
/// The FHIR R4 terminology operations over the in-memory versions (DESIGN.md "FHIR R4 terminology"): the one
/// service the FHIR functions call, each interaction answered by the class of its name.
/// </summary>
public sealed class FhirTerminology
{
    private readonly MetadataOperation metadata;
    private readonly CodeSystemSearch search;
    private readonly CodeSystemRead read;
    private readonly LookupOperation lookup;
    private readonly ValidateCodeOperation validateCode;
    private readonly ExpandOperation expand;
    private readonly TranslateOperation translate;

    public FhirTerminology(IVersionSource versions, ICodeSystemReleases releases, TimeProvider time)
    {
        var resolver = new CodeResolver(versions, releases, time);
        metadata = new MetadataOperation(versions, releases, time);
        search = new CodeSystemSearch(versions, releases, time);
        read = new CodeSystemRead(versions, releases);
        lookup = new LookupOperation(resolver);
        validateCode = new ValidateCodeOperation(resolver);
        expand = new ExpandOperation(versions, releases, time);
        translate = new TranslateOperation(versions, resolver);
    }

    /// <inheritdoc cref="MetadataOperation"/>
    public Task<FhirAnswer> MetadataAsync(string? mode, string baseUrl, CancellationToken cancellationToken) =>
        metadata.RunAsync(mode, baseUrl, cancellationToken);

    /// <inheritdoc cref="CodeSystemSearch"/>
    public Task<FhirAnswer> SearchCodeSystemsAsync(string? url, string? version, string baseUrl, CancellationToken cancellationToken) =>
        search.RunAsync(url, version, baseUrl, cancellationToken);

    /// <inheritdoc cref="CodeSystemRead"/>
    public Task<FhirAnswer> ReadCodeSystemAsync(string? id, CancellationToken cancellationToken) =>
        read.RunAsync(id, cancellationToken);

    /// <inheritdoc cref="LookupOperation"/>
    public Task<FhirAnswer> LookupAsync(OperationInput input, CancellationToken cancellationToken) =>
        lookup.RunAsync(input, cancellationToken);

    /// <inheritdoc cref="ValidateCodeOperation"/>
    public Task<FhirAnswer> ValidateCodeAsync(OperationInput input, bool valueSet, CancellationToken cancellationToken) =>
        validateCode.RunAsync(input, valueSet, cancellationToken);

    /// <inheritdoc cref="ExpandOperation"/>
    public Task<FhirAnswer> ExpandAsync(OperationInput input, CancellationToken cancellationToken) =>
        expand.RunAsync(input, cancellationToken);

    /// <inheritdoc cref="TranslateOperation"/>
    public Task<FhirAnswer> TranslateAsync(OperationInput input, CancellationToken cancellationToken) =>
        translate.RunAsync(input, cancellationToken);
}
