using CodeUpdates.Ingestion.Answers;
using CodeUpdates.Ingestion.Lookup;

namespace CodeUpdates.Ingestion.Fhir;

/// <summary>
/// What $lookup, $validate-code and $translate share: a system URL, a code, and the <c>version</c> and
/// <c>date</c> parameters resolved to <see cref="CodeAnswer"/>,
/// the JSON API's answer, so the two doors cannot disagree.
/// </summary>
internal sealed class CodeResolver(IVersionSource versions, ICodeSystemReleases releases, TimeProvider time)
{
    /// <param name="systemParameter">The parameter(s) to name when the system is missing.</param>
    /// <param name="statedVersion">The version the request states besides <c>version</c>: a coding's.</param>
    public async Task<ResolvedCode> ResolveAsync(
        OperationInput input, string? systemUrl, string? code, string systemParameter, CancellationToken cancellationToken, string? statedVersion = null)
    {
        if (string.IsNullOrEmpty(systemUrl))
        {
            return Failed(FhirAnswer.Invalid($"{systemParameter} is required: {FhirCodeSystems.HcpcsUrl} or {FhirCodeSystems.CptUrl}"));
        }

        if (!FhirCodeSystems.TryParseUrl(systemUrl, out var system))
        {
            return Failed(FhirAnswer.NotFound($"code system '{systemUrl}' is not known here: use {FhirCodeSystems.HcpcsUrl} or {FhirCodeSystems.CptUrl}"));
        }

        if (string.IsNullOrWhiteSpace(code))
        {
            return Failed(FhirAnswer.Invalid("code is required (or coding)"));
        }

        var index = await versions.GetAsync(cancellationToken);
        var loaded = await releases.ListAsync(system, index, cancellationToken);
        var pin = SystemVersionPins.Choose(input, system, loaded, input.Text("version") ?? statedVersion);
        if (pin.Error is { } pinError)
        {
            return Failed(pinError) with { System = system, VersionConflict = pin.Conflict };
        }

        var pinned = pin.Release;

        // A pinned version answers as of its effective date unless a service date is given.
        if (!input.TryDate(pinned?.Effective ?? time.Today(), out var date, out var dateError))
        {
            return Failed(dateError);
        }

        var release = pinned ?? CodeSystemRelease.InForce(loaded, date);
        var normalized = RequestValues.TryCode(code, out var upper, out _) ? upper : code.Trim();
        var found = index.Find(system, normalized);
        if (found is null || (pinned is not null && found[0].Release > pinned.Effective))
        {
            var where = pinned is null ? "no loaded release" : $"release {pinned.Version}";
            return new ResolvedCode(null, system, null, release, $"{normalized} is not a {system.Title()} code: {where} has it");
        }

        return new ResolvedCode(null, system, CodeAnswer.From(found, date), release, string.Empty);

        ResolvedCode Failed(FhirAnswer error) => new(error, default, null, null, string.Empty);
    }
}
