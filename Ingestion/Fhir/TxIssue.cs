using Hl7.Fhir.Model;

namespace CodeUpdates.Ingestion.Fhir;

/// <summary>
/// An issue of a $validate-code answer as the HL7 terminology ecosystem reads it: severity, type, the
/// <c>tx-issue-type</c> coding that tells a validator what went wrong, the text, and where in the request.
/// </summary>
internal static class TxIssue
{
    public const string IssueTypeSystem = "http://hl7.org/fhir/tools/CodeSystem/tx-issue-type";
    private const string MessageIdExtension = "http://hl7.org/fhir/StructureDefinition/operationoutcome-message-id";

    /// <param name="txType">The tx-issue-type code: not-found, invalid-code, invalid-display, version-error, ...</param>
    /// <param name="path">The request element at fault, as the ecosystem names it: <c>system</c>, <c>Coding.code</c>, ...</param>
    /// <param name="messageId">The ecosystem's id for the message, so that clients can match it whatever its wording.</param>
    public static OperationOutcome.IssueComponent Of(
        OperationOutcome.IssueSeverity severity, OperationOutcome.IssueType type, string txType, string text, string path, string? messageId = null)
    {
        var issue = new OperationOutcome.IssueComponent
        {
            Severity = severity,
            Code = type,
            Details = new CodeableConcept(IssueTypeSystem, txType) { Text = text },
            Location = [path],
            Expression = [path],
        };
        if (messageId is not null)
        {
            issue.Extension.Add(new Extension(MessageIdExtension, new FhirString(messageId)));
        }

        return issue;
    }
}
