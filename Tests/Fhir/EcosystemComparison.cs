namespace CodeUpdates.Tests.Fhir;

/// <summary>How an answer is held against a response file of the HL7 terminology ecosystem's test cases.</summary>
public enum EcosystemComparison
{
    /// <summary>The answer says what the file says and nothing else (an operation's response, e.g. errors-unknown-system1).</summary>
    Exact,

    /// <summary>
    /// Everything the file says is found in the answer, which may say more: the ecosystem's runner compares
    /// <c>metadata</c> and <c>term-caps</c> this way ("the minimum expected things are found").
    /// </summary>
    Minimum,
}
