using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;

namespace CodeUpdates.Tests.Support;

/// <summary>
/// Checks a resource against the base FHIR R4 specification: Firely's validator (structure,
/// cardinality, types, invariants, required bindings) and a strict re-parse of its JSON.
/// </summary>
public static class FhirValidation
{
    private static readonly Lazy<Validator> Validator = new(() =>
    {
        var resolver = new CachedResolver(ZipSource.CreateValidationSource());
        return new Validator(resolver, LocalTerminologyService.CreateDefaultForCore(resolver));
    });

    private static readonly FhirJsonDeserializer Strict = new(new DeserializerSettings().UsingMode(DeserializationMode.Strict));

    private static readonly Lock Gate = new();

    /// <summary>Fails the test with the validator's messages when the resource has an error against base R4.</summary>
    public static void AssertValid(Resource resource)
    {
        // The strict parser rejects anything the SDK would only tolerate.
        Strict.DeserializeResource(resource.ToJson());

        OperationOutcome outcome;
        lock (Gate)
        {
            outcome = Validator.Value.Validate(resource);
        }

        var errors = outcome.Issue
            .Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal)
            .Select(i => $"{i.Severity} {string.Join(",", i.Location ?? [])} {i.Details?.Text ?? i.Diagnostics}")
            .ToArray();
        Assert.True(errors.Length == 0, $"{resource.TypeName} is not valid R4:\n{string.Join("\n", errors)}\n{resource.ToJson()}");
    }
}
