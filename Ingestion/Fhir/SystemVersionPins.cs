using CodeSystem = CodeUpdates.Ingestion.ReleaseFiles.CodeSystem;

namespace CodeUpdates.Ingestion.Fhir;

/// <summary>
/// Which release answers: <c>force-system-version</c> over the version the request states (<c>version</c>, a coding's
/// version), over <c>system-version</c> and <c>check-system-version</c> as defaults, else the release in force on the
/// date. Each of the three is <c>{canonical}|{version}</c> and may repeat, one per code system; a pin for a system
/// this server does not hold is about another server's systems, and is ignored.
/// </summary>
internal static class SystemVersionPins
{
    public const string SystemVersion = "system-version";
    public const string ForceSystemVersion = "force-system-version";
    public const string CheckSystemVersion = "check-system-version";

    public static readonly IReadOnlyList<string> Names = [SystemVersion, CheckSystemVersion, ForceSystemVersion];

    public static ReleasePin Choose(OperationInput input, CodeSystem system, IReadOnlyList<CodeSystemRelease> loaded, string? statedVersion)
    {
        string? force = null, fallback = null, check = null;
        foreach (var name in Names)
        {
            foreach (var value in input.Texts(name))
            {
                var bar = value.IndexOf('|');
                if (bar <= 0 || bar == value.Length - 1)
                {
                    return new ReleasePin(null, FhirAnswer.Invalid($"{name} '{value}' is not {{canonical}}|{{version}}, for example {FhirCodeSystems.HcpcsUrl}|2019-01-01"), null);
                }

                if (!FhirCodeSystems.TryParseUrl(value[..bar], out var pinnedSystem) || pinnedSystem != system)
                {
                    continue;
                }

                var version = value[(bar + 1)..];
                switch (name)
                {
                    case ForceSystemVersion: force ??= version; break;
                    case CheckSystemVersion: check ??= version; break;
                    default: fallback ??= version; break;
                }
            }
        }

        var stated = string.IsNullOrEmpty(statedVersion) ? null : statedVersion;
        if (force is null && stated is not null && check is not null && stated != check)
        {
            var conflict = $"version {stated} of {system.Url()} was asked for, but {CheckSystemVersion} requires {check}";
            return new ReleasePin(null, FhirAnswer.Error(400, Hl7.Fhir.Model.OperationOutcome.IssueType.BusinessRule, conflict), conflict);
        }

        var chosen = force ?? stated ?? fallback ?? check;
        if (chosen is null)
        {
            return ReleasePin.InForce;
        }

        var release = loaded.FirstOrDefault(r => r.Version == chosen);
        return release is not null
            ? new ReleasePin(release, null, null)
            : new ReleasePin(null, FhirAnswer.NotFound($"version '{chosen}' of {system.Url()} is not loaded; versions are release effective dates: {string.Join(", ", loaded.Select(r => r.Version))}"), null);
    }
}
