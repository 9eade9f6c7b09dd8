using CodeUpdates.Ingestion.Lookup;
using Hl7.Fhir.Model;

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
    private readonly ValueSetSearch valueSetSearch;
    private readonly BatchOperation batch;

    /// <param name="security">What stands in front of the door, for <c>metadata</c>; none when not given.</param>
    /// <param name="known">What the systems held at past instants, for <c>knownAt</c>; refused when not given.</param>
    public FhirTerminology(IVersionSource versions, ICodeSystemReleases releases, TimeProvider time, FhirServerSecurity? security = null, KnownVersions? known = null)
    {
        var resolver = new CodeResolver(versions, releases, known, time);
        metadata = new MetadataOperation(versions, releases, time, security ?? FhirServerSecurity.None);
        search = new CodeSystemSearch(versions, releases, time);
        read = new CodeSystemRead(versions, releases);
        lookup = new LookupOperation(resolver);
        validateCode = new ValidateCodeOperation(resolver);
        expand = new ExpandOperation(versions, releases, time);
        translate = new TranslateOperation(versions, resolver, known);
        valueSetSearch = new ValueSetSearch(time);
        batch = new BatchOperation(lookup, validateCode);
    }

    /// <inheritdoc cref="MetadataOperation"/>
    public Task<FhirAnswer> MetadataAsync(string? mode, string baseUrl, CancellationToken cancellationToken) =>
        metadata.RunAsync(mode, baseUrl, cancellationToken);

    /// <inheritdoc cref="CodeSystemSearch"/>
    public Task<FhirAnswer> SearchCodeSystemsAsync(string? url, string? version, string baseUrl, CancellationToken cancellationToken) =>
        search.RunAsync(url, version, baseUrl, cancellationToken);

    /// <inheritdoc cref="CodeSystemRead"/>
    public Task<FhirAnswer> ReadCodeSystemAsync(string? id, CancellationToken cancellationToken) =>
        read.RunAsync(id, null, cancellationToken);

    /// <inheritdoc cref="CodeSystemRead"/>
    /// <param name="baseUrl">The FHIR base the request came to, for the link to the release's page; none without it.</param>
    public Task<FhirAnswer> ReadCodeSystemAsync(string? id, string? baseUrl, CancellationToken cancellationToken) =>
        read.RunAsync(id, baseUrl, cancellationToken);

    /// <inheritdoc cref="ValueSetSearch"/>
    public FhirAnswer SearchValueSets(string? url, string? version, string baseUrl) => valueSetSearch.Run(url, version, baseUrl);

    /// <inheritdoc cref="ValueSetRead"/>
    public FhirAnswer ReadValueSet(string? id, string baseUrl) => ValueSetRead.Run(id, baseUrl);

    /// <inheritdoc cref="VersionsOperation"/>
    public FhirAnswer Versions() => VersionsOperation.Run();

    /// <inheritdoc cref="BatchOperation"/>
    public Task<FhirAnswer> BatchAsync(Bundle bundle, string baseUrl, CancellationToken cancellationToken) =>
        batch.RunAsync(bundle, baseUrl, cancellationToken);

    /// <inheritdoc cref="LookupOperation"/>
    public Task<FhirAnswer> LookupAsync(OperationInput input, CancellationToken cancellationToken) =>
        lookup.RunAsync(input, cancellationToken);

    /// <inheritdoc cref="ValidateCodeOperation"/>
    public Task<FhirAnswer> ValidateCodeAsync(OperationInput input, bool valueSet, CancellationToken cancellationToken) =>
        validateCode.RunAsync(input, valueSet, cancellationToken);

    /// <inheritdoc cref="ExpandOperation"/>
    public Task<FhirAnswer> ExpandAsync(OperationInput input, CancellationToken cancellationToken) =>
        expand.RunAsync(input, null, cancellationToken);

    /// <inheritdoc cref="ExpandOperation"/>
    /// <param name="baseUrl">The FHIR base the request came to, for the link to the value set's page; none without it.</param>
    public Task<FhirAnswer> ExpandAsync(OperationInput input, string? baseUrl, CancellationToken cancellationToken) =>
        expand.RunAsync(input, baseUrl, cancellationToken);

    /// <inheritdoc cref="TranslateOperation"/>
    public Task<FhirAnswer> TranslateAsync(OperationInput input, CancellationToken cancellationToken) =>
        translate.RunAsync(input, cancellationToken);
}
