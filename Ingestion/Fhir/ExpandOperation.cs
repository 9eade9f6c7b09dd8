using CodeUpdates.Ingestion.Answers;
using CodeUpdates.Ingestion.Lookup;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Search;
using Hl7.Fhir.Model;
using CodeSystem = CodeUpdates.Ingestion.ReleaseFiles.CodeSystem;

namespace CodeUpdates.Ingestion.Fhir;

/// <summary>
/// <c>ValueSet/$expand</c> of <c>{system}?fhir_vs</c>: the codes matching <c>filter</c> (DESIGN.md "Search")
/// as of <c>date</c>, by <see cref="CodeSearch"/>, the JSON search's rule.
/// </summary>
internal sealed class ExpandOperation(IVersionSource versions, ICodeSystemReleases releases, TimeProvider time)
{
    // The input parameters of cardinality 0..1 in the R4 specification.
    // One given twice is refused rather than one of them silently taken.
    private static readonly string[] Singles =
        ["url", "valueSet", "valueSetVersion", "context", "contextDirection", "filter", "date", "offset", "count", "includeDesignations", "includeDefinition", "activeOnly",
            "excludeNested", "excludeNotForUI", "excludePostCoordinated", "displayLanguage", "limitedExpansion"];

    public async Task<FhirAnswer> RunAsync(OperationInput input, string? baseUrl, CancellationToken cancellationToken)
    {
        if (input.Repeated(Singles, "$expand") is { } repeated)
        {
            return repeated;
        }

        var url = input.Text("url");
        if (string.IsNullOrEmpty(url))
        {
            return FhirAnswer.Invalid("url is required: the value set of all codes of a system, for example " + CodeSystem.Hcpcs.AllCodesValueSet());
        }

        if (!FhirCodeSystems.TryParseValueSetUrl(url, out var system))
        {
            return FhirAnswer.NotFound($"ValueSet '{url}' is not known: use {CodeSystem.Hcpcs.AllCodesValueSet()} or {CodeSystem.Cpt.AllCodesValueSet()}");
        }

        var index = await versions.GetAsync(cancellationToken);
        var loaded = await releases.ListAsync(system, index, cancellationToken);
        var pin = SystemVersionPins.Choose(input, system, loaded, statedVersion: null);
        if (pin.Error is { } pinError)
        {
            return pinError;
        }

        // A pinned release answers as of its effective date unless a date is given, as in $lookup.
        if (!input.TryDate(pin.Release?.Effective ?? time.Today(), out var date, out var error)
            || !input.TryBoolean("activeOnly", true, out var activeOnly, out error)
            || !input.TryCount("offset", 0, out var offset, out error)
            || !input.TryCount("count", CodeSearchQuery.MaxCount, out var count, out error))
        {
            return error;
        }

        var filter = input.Text("filter");
        if (!CodeSearchQuery.AcceptsText(filter, out var tooLong))
        {
            return FhirAnswer.Invalid(tooLong);
        }

        var release = pin.Release ?? CodeSystemRelease.InForce(loaded, date);
        var result = await CodeSearch.RunAsync(index, new CodeSearchQuery(system, filter, date, activeOnly ? SearchStatus.Valid : SearchStatus.Any, offset, count), cancellationToken);

        var expansion = new ValueSet.ExpansionComponent
        {
            Identifier = "urn:uuid:" + Guid.NewGuid(),
            Timestamp = time.Now(),
            Total = result.Total,
            Offset = offset,
        };
        if (!string.IsNullOrEmpty(filter))
        {
            expansion.Parameter.Add(new ValueSet.ParameterComponent { Name = "filter", Value = new FhirString(filter) });
        }

        expansion.Parameter.Add(new ValueSet.ParameterComponent { Name = "date", Value = new FhirDateTime(IsoDate.Format(date)) });
        expansion.Parameter.Add(new ValueSet.ParameterComponent { Name = "activeOnly", Value = new FhirBoolean(activeOnly) });
        expansion.Parameter.Add(new ValueSet.ParameterComponent { Name = "count", Value = new Integer(count) });
        // Every parameter is echoed, the pins as given, and the release used is named both ways clients read it.
        expansion.Parameter.Add(new ValueSet.ParameterComponent { Name = "offset", Value = new Integer(offset) });
        foreach (var name in SystemVersionPins.Names)
        {
            foreach (var value in input.Texts(name))
            {
                expansion.Parameter.Add(new ValueSet.ParameterComponent { Name = name, Value = new FhirUri(value) });
            }
        }

        if (release is not null)
        {
            expansion.Parameter.Add(new ValueSet.ParameterComponent { Name = "version", Value = new FhirUri($"{system.Url()}|{release.Version}") });
            expansion.Parameter.Add(new ValueSet.ParameterComponent { Name = "used-codesystem", Value = new FhirUri($"{system.Url()}|{release.Version}") });
        }

        foreach (var match in result.Matches)
        {
            expansion.Contains.Add(new ValueSet.ContainsComponent
            {
                System = system.Url(),
                Version = release?.Version,
                Code = match.Version.Code,
                Display = match.Version.Descriptors.GetValueOrDefault(DescriptorKind.Long) ?? match.Version.Descriptors.GetValueOrDefault(DescriptorKind.Short),
                Inactive = !match.Valid,
            });
        }

        var expanded = ImplicitValueSet.Of(system, baseUrl);
        expanded.Id = null;
        expanded.Compose = null;
        expanded.Expansion = expansion;
        return FhirAnswer.Ok(expanded);
    }
}
