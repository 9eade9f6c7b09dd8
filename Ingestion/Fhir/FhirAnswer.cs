using Hl7.Fhir.Model;

namespace CodeUpdates.Ingestion.Fhir;

/// <summary>What a FHIR interaction answers: the HTTP status and the resource (an OperationOutcome for errors).</summary>
public sealed record FhirAnswer(int Status, Resource Resource)
{
    public static FhirAnswer Ok(Resource resource) => new(200, resource);

    /// <summary>400: a parameter is missing or not of its type (for example <c>date=2019-13-45</c>).</summary>
    public static FhirAnswer Invalid(string message) => Error(400, OperationOutcome.IssueType.Invalid, message);

    /// <summary>404: the code system, version, code or resource does not exist here.</summary>
    public static FhirAnswer NotFound(string message) => Error(404, OperationOutcome.IssueType.NotFound, message);

    public static FhirAnswer Error(int status, OperationOutcome.IssueType type, string message) =>
        new(status, Outcome(OperationOutcome.IssueSeverity.Error, type, message));

    public static OperationOutcome Outcome(OperationOutcome.IssueSeverity severity, OperationOutcome.IssueType type, string message) => new()
    {
        Issue =
        [
            new OperationOutcome.IssueComponent
            {
                Severity = severity,
                Code = type,
                Diagnostics = message,
                Details = new CodeableConcept { Text = message },
            },
        ],
    };
}
