namespace CodeUpdates.Ingestion.Fhir;

/// <summary><c>GET ValueSet/{id}</c>, the id being <c>{system}-all</c>: the implicit value set of all its codes.</summary>
internal static class ValueSetRead
{
    public static FhirAnswer Run(string? id, string baseUrl) =>
        ImplicitValueSet.TryParseId(id, out var system)
            ? FhirAnswer.Ok(ImplicitValueSet.Of(system, baseUrl))
            : FhirAnswer.NotFound($"ValueSet/{id} is not known: the value sets are {string.Join(" and ", FhirCodeSystems.All.Select(ImplicitValueSet.Id))}, all codes of a system");
}
