using CodeUpdates.Ingestion.Answers;
using CodeUpdates.Ingestion.Lookup;

namespace CodeUpdates.Ingestion.Fhir;

/// <summary>
/// What $lookup, $validate-code and $translate share: a system URL, a code, and the <c>version</c>, <c>date</c> and
/// <c>knownAt</c> parameters resolved to <see cref="CodeAnswer"/>,
/// the JSON API's answer, so the two doors cannot disagree.
/// </summary>
internal sealed class CodeResolver(IVersionSource versions, ICodeSystemReleases releases, KnownVersions? known, TimeProvider time)
{
    /// <summary>The parameter naming the instant the answer is asked as known at (DESIGN.md "As known at (audit)").</summary>
    public const string KnownAtParameter = "knownAt";

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

        // Any of valueDateTime, valueInstant or valueString: each reads as its text, which must say its offset.
        if (!KnownAtValue.TryParse(input.Text(KnownAtParameter), out var instant, out var knownAtError))
        {
            return Failed(FhirAnswer.Invalid(knownAtError));
        }

        KnownCode? then = null;
        IVersionIndex? index = null;
        IReadOnlyList<CodeSystemRelease> loaded;
        if (instant is { } at)
        {
            if (known is null)
            {
                return Failed(FhirAnswer.Invalid("knownAt is not offered here: this server holds the present versions only"));
            }

            var normalizedThen = RequestValues.TryCode(code, out var upperThen, out _) ? upperThen : code.Trim();
            then = await known.CodeAtAsync(system, normalizedThen, at, cancellationToken);
            if (then is null)
            {
                return new ResolvedCode(null, system, null, null, $"{normalizedThen} was not known at {at:O}: no {system.Title()} release was published by then") { KnownAt = at };
            }

            loaded = then.State.Held.Select(r => new CodeSystemRelease(system, r.Effective!.Value, r.Codes ?? 0)).ToArray();
        }
        else
        {
            index = await versions.GetAsync(cancellationToken);
            loaded = await releases.ListAsync(system, index, cancellationToken);
        }

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
        var found = then is null ? index!.Find(system, normalized) : then.Versions;
        if (found is null || (pinned is not null && found[0].Release > pinned.Effective))
        {
            var where = pinned is null ? (then is null ? "no loaded release" : $"no release published by {then.State.KnownAt:O}") : $"release {pinned.Version}";
            return new ResolvedCode(null, system, null, release, $"{normalized} is not a {system.Title()} code: {where} has it") { KnownAt = instant, KnownAsOf = then?.State.KnownAsOf };
        }

        return new ResolvedCode(null, system, CodeAnswer.From(found, date), release, string.Empty) { KnownAt = instant, KnownAsOf = then?.State.KnownAsOf };

        ResolvedCode Failed(FhirAnswer error) => new(error, default, null, null, string.Empty);
    }
}
